import { launch, newPage, login, url } from '/work/main/packages/web/test/browser/browser.ts';
const b = await launch();
const p = await newPage(b);
await login(p, 'admin');
console.log(await p.evaluate(() => {
  const s = document.querySelector('.app-sider')!;
  return [s.className, getComputedStyle(s).backgroundColor, s.getBoundingClientRect().height, getComputedStyle(s.parentElement!).flexDirection, s.parentElement!.className, getComputedStyle(s).alignSelf, getComputedStyle(s.parentElement!).alignItems];
}));
await b.close();
