/** Types of serverBundle.mjs (plain JavaScript so that `npm start` needs nothing but Node to begin). */
export function newest(...paths: string[]): number;
export function builtAt(file: string): number;
export function serverBundle(say?: (message: string) => void): Promise<string>;
