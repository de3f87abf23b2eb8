import { launch, newPage, login, url } from '/work/main/packages/web/test/browser/browser.ts';
const b = await launch();
const p = await newPage(b);
await login(p, 'admin');
await p.goto(url('/quan-tri/don-vi'));
await p.getByRole('button', { name: /Mê Linh/ }).first().click();
await p.waitForTimeout(1000);
console.log(await p.evaluate(() => {
  const l = document.querySelector('.ant-layout')!;
  const el = document.querySelector('[data-testid="unit-detail-name"]')!;
  const chain: string[] = [];
  for (let e: Element | null = el; e; e = e.parentElement) chain.push(e.tagName + '.' + (e.className || '').toString().split(' ').slice(0, 2).join('.'));
  return [getComputedStyle(l).minHeight, l.clientHeight, chain.join(' < ')];
}));
await b.close();
