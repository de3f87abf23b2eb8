/**
 * Tinos (metric-compatible with Times New Roman, full Vietnamese coverage) from @expo-google-fonts/tinos.
 * Resolved through Node's resolver from this module, so it works from the source (tsx) and from the esbuild
 * bundle packages/server/dist/main.mjs alike (node_modules stay external in the bundle; scripts/start.mjs).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const files = {
  regular: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italic: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  boldItalic: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;

export type FontStyle = keyof typeof files;
export type FontFiles = Record<FontStyle, Buffer>;

let cache: FontFiles | undefined;

export function fontPath(style: FontStyle): string {
  return require.resolve(files[style]);
}

/** The four TTF files, read once per process. */
export function tinosFonts(): FontFiles {
  cache ??= {
    regular: fs.readFileSync(fontPath('regular')),
    bold: fs.readFileSync(fontPath('bold')),
    italic: fs.readFileSync(fontPath('italic')),
    boldItalic: fs.readFileSync(fontPath('boldItalic')),
  };
  return cache;
}
