/**
 * In-memory stand-in for the motcua API contract, serving packages/web/dist
 * with the production CSP. For UI development and for checking the browser
 * test before the real server exists — not used by CI.
 *
 *   npm run build -w @motcua/web
 *   node --import tsx packages/web/test/browser/mock-server.ts   # port 3100 or MOCK_PORT
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const DIST = fileURLToPath(new URL('../../dist/', import.meta.url));
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; font-src 'self' data:; object-src 'none'; frame-ancestors 'none'";

type Role = string;
interface Unit {
  id: string; code: string; name: string; shortName: string | null; type: string; parentId: string | null;
  validFrom: string; validTo: string | null; version: number; predecessors: string[];
  history: { at: string; actor: string; action: string; summary: string }[];
}
interface Grant { id: string; role: Role; unitId: string; includeSubtree: boolean }
interface User { id: string; username: string; fullName: string; email: string | null; phone: string | null; active: boolean; password: string; grants: Grant[] }

const units = new Map<string, Unit>();
let seq = 0;
function unit(code: string, name: string, type: string, parent: Unit | null, validFrom: string, validTo: string | null, preds: Unit[] = []): Unit {
  const u: Unit = { id: `u${++seq}`, code, name, shortName: null, type, parentId: parent?.id ?? null, validFrom, validTo, version: 1,
    predecessors: preds.map((p) => p.id), history: [{ at: '2025-06-12T09:00:00+07:00', actor: 'system', action: 'IMPORT', summary: 'Nhập dữ liệu ban đầu' }] };
  units.set(u.id, u);
  return u;
}
const HN = unit('01', 'Thành phố Hà Nội', 'PROVINCE', null, '2008-08-01', null);
const old = (c: string, n: string, t: string, p: Unit | null) => unit(c, n, t, p, '2008-08-01', '2025-06-30');
const ML = old('250', 'Huyện Mê Linh', 'DISTRICT', HN);
const GL = old('018', 'Huyện Gia Lâm', 'DISTRICT', HN);
const CM = old('277', 'Huyện Chương Mỹ', 'DISTRICT', HN);
const BD = old('001', 'Quận Ba Đình', 'DISTRICT', HN);
const cd = old('08974', 'Thị trấn Chi Đông', 'TOWNSHIP', ML), tp = old('08980', 'Xã Tiền Phong', 'COMMUNE', ML), mlx = old('09004', 'Xã Mê Linh', 'COMMUNE', ML);
const tq = old('00541', 'Thị trấn Trâu Quỳ', 'TOWNSHIP', GL), bt = old('00565', 'Xã Bát Tràng', 'COMMUNE', GL);
const xm = old('10015', 'Thị trấn Xuân Mai', 'TOWNSHIP', CM), txt = old('10030', 'Xã Thủy Xuân Tiên', 'COMMUNE', CM);
const pk = old('00001', 'Phường Phúc Xá', 'WARD', BD), qt = old('00004', 'Phường Quán Thánh', 'WARD', BD);
const neu = (c: string, n: string, t: string, preds: Unit[]) => unit(c, n, t, HN, '2025-07-01', null, preds);
neu('09004', 'Xã Mê Linh', 'COMMUNE', [mlx, cd]);
neu('08980', 'Xã Tiến Thắng', 'COMMUNE', [tp]);
neu('00541', 'Phường Gia Lâm', 'WARD', [tq]);
neu('00565', 'Xã Bát Tràng', 'COMMUNE', [bt]);
neu('10015', 'Xã Xuân Mai', 'COMMUNE', [xm, txt]);
neu('00004', 'Phường Ba Đình', 'WARD', [pk, qt]);
const SNV = unit('01.SNV', 'Sở Nội vụ', 'DEPARTMENT', HN, '2008-08-01', null);
const TT = unit('01.TTPVHCC', 'Trung tâm Phục vụ hành chính công thành phố Hà Nội', 'SERVICE_CENTRE', HN, '2025-07-01', null);

const users = new Map<string, User>();
function user(username: string, fullName: string, grants: [Role, Unit, boolean][]): void {
  const id = `p${users.size + 1}`;
  users.set(id, { id, username, fullName, email: `${username}@hanoi.gov.vn`, phone: null, active: true, password: 'motcua-demo',
    grants: grants.map(([role, u, sub]) => ({ id: randomUUID(), role, unitId: u.id, includeSubtree: sub })) });
}
user('admin', 'Quản Trị Viên', [['SYSTEM_ADMIN', HN, true]]);
user('tiepnhan', 'Nguyễn Thị Hoa', [['COUNTER_OFFICER', TT, false]]);
user('chuyenvien', 'Trần Văn Bình', [['SPECIALIST', SNV, false]]);
user('lanhdao', 'Lê Minh Đức', [['UNIT_LEADER', SNV, true], ['UNIT_LEADER', TT, false]]);
user('congdan', 'Phạm Thị Ánh', [['CITIZEN', HN, false]]);
user('thanhtra', 'Đỗ Văn Dũng', [['INSPECTOR', HN, true]]);
user('caicach', 'Vũ Thị Uyên', [['REFORM_OFFICER', SNV, false]]);
user('giamsat', 'Hoàng Văn Ưng', [['SUPERVISOR', HN, true]]);

const sessions = new Map<string, { userId: string; csrf: string }>();

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
const validAt = (u: Unit, d: string) => u.validFrom <= d && (u.validTo === null || u.validTo >= d);
const childCount = (u: Unit, d: string) => [...units.values()].filter((c) => c.parentId === u.id && validAt(c, d)).length;
const ref = (u: Unit) => ({ id: u.id, code: u.code, name: u.name, validFrom: u.validFrom, validTo: u.validTo });
const pub = (u: Unit, d = u.validTo ?? today()) => ({ id: u.id, code: u.code, name: u.name, shortName: u.shortName, type: u.type,
  parentId: u.parentId, validFrom: u.validFrom, validTo: u.validTo, childCount: childCount(u, d), version: u.version });
const pubGrant = (g: Grant) => { const u = units.get(g.unitId)!; return { ...g, unitCode: u.code, unitName: u.name }; };
const pubUser = (u: User) => ({ id: u.id, username: u.username, fullName: u.fullName, email: u.email, phone: u.phone, active: u.active, grants: u.grants.map(pubGrant) });
function today(): string { return new Date(Date.now() + 7 * 3600e3).toISOString().slice(0, 10); }

class Problem extends Error {
  constructor(readonly status: number, readonly code: string, readonly detail: string, readonly errors?: { field: string; message: string }[]) { super(detail); }
}

function send(res: ServerResponse, status: number, body?: unknown, type = 'application/json'): void {
  res.writeHead(status, { 'content-type': type, 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  if (!chunks.length) return {};
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

function page<T>(list: T[], url: URL) {
  const limit = Math.min(Number(url.searchParams.get('limit') ?? 50) || 50, 200);
  const start = Number(url.searchParams.get('cursor') ?? 0) || 0;
  return { items: list.slice(start, start + limit), nextCursor: start + limit < list.length ? String(start + limit) : null };
}

async function api(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
  const method = req.method ?? 'GET';
  const path = url.pathname.replace(/^\/api\/v1/, '');
  const sid = /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
  const session = sid ? sessions.get(sid) : undefined;
  const me = session ? users.get(session.userId) : undefined;

  if (method === 'POST' && path === '/auth/login') {
    const b = await readBody(req);
    const u = [...users.values()].find((x) => x.username === b.username);
    if (!u || u.password !== b.password || !u.active) throw new Problem(401, 'AUTH_INVALID_CREDENTIALS', 'Tên đăng nhập hoặc mật khẩu không đúng.');
    const id = randomUUID(), csrf = randomUUID();
    sessions.set(id, { userId: u.id, csrf });
    res.setHeader('set-cookie', `sid=${id}; HttpOnly; Path=/; SameSite=Lax`);
    return send(res, 200, { user: pubUser(u), csrfToken: csrf });
  }
  if (!me || !session) throw new Problem(401, 'AUTH_REQUIRED', 'Vui lòng đăng nhập.');
  if (method !== 'GET' && req.headers['x-csrf-token'] !== session.csrf) throw new Problem(403, 'CSRF_INVALID', 'Phiên làm việc không hợp lệ (CSRF).');
  if (path === '/auth/me') return send(res, 200, { user: pubUser(me), csrfToken: session.csrf });
  if (path === '/auth/logout') { sessions.delete(sid!); return send(res, 204); }
  if (!me.grants.some((g) => g.role === 'SYSTEM_ADMIN')) throw new Problem(403, 'FORBIDDEN', 'Bạn không có quyền thực hiện thao tác này.');

  let m: RegExpExecArray | null;
  if (method === 'GET' && path === '/units') {
    const d = url.searchParams.get('asOf') ?? today();
    const parentId = url.searchParams.get('parentId');
    const q = url.searchParams.get('q');
    let list = [...units.values()].filter((u) => validAt(u, d));
    if (parentId) list = list.filter((u) => (parentId === 'root' ? u.parentId === null : u.parentId === parentId));
    if (q) list = list.filter((u) => fold(u.name).includes(fold(q)) || u.code.includes(q));
    list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const p = page(list, url);
    return send(res, 200, { items: p.items.map((u) => pub(u, d)), nextCursor: p.nextCursor });
  }
  if (method === 'POST' && path === '/units/reorganisations') {
    const b = await readBody(req) as { kind: string; effectiveDate: string; legalBasis: string; sourceIds: string[]; targets: { code: string; name: string; type: string; parentId: string | null }[] };
    const dayBefore = new Date(Date.parse(b.effectiveDate) - 864e5).toISOString().slice(0, 10);
    const sources = b.sourceIds.map((id) => units.get(id)!);
    for (const s of sources) { s.validTo = dayBefore; s.version++; s.history.push({ at: new Date().toISOString(), actor: me.username, action: b.kind, summary: `Kết thúc hiệu lực theo ${b.legalBasis}` }); }
    const targets = b.targets.map((t) => unit(t.code, t.name, t.type, t.parentId ? units.get(t.parentId)! : null, b.effectiveDate, null, sources));
    return send(res, 201, { targets: targets.map((u) => pub(u, b.effectiveDate)) });
  }
  if (method === 'POST' && path === '/units') {
    const b = await readBody(req) as Partial<Unit>;
    const errors = (['code', 'name', 'type', 'validFrom'] as const).filter((k) => !b[k]).map((k) => ({ field: k, message: 'Trường này là bắt buộc.' }));
    if ([...units.values()].some((u) => u.code === b.code && u.validTo === null)) errors.push({ field: 'code', message: 'Mã đơn vị đã tồn tại.' });
    if (errors.length) throw new Problem(422, 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ.', errors);
    const u = unit(b.code!, b.name!, b.type!, b.parentId ? units.get(b.parentId)! : null, b.validFrom!, b.validTo ?? null);
    return send(res, 201, pub(u));
  }
  if ((m = /^\/units\/([^/]+)$/.exec(path))) {
    const u = units.get(decodeURIComponent(m[1]!));
    if (!u) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy đơn vị.');
    if (method === 'PATCH') {
      const im = req.headers['if-match'];
      if (!im) throw new Problem(428, 'PRECONDITION_REQUIRED', 'Thiếu phiên bản (If-Match).');
      if (im !== `"${u.version}"`) throw new Problem(412, 'PRECONDITION_FAILED', 'Đơn vị đã được thay đổi bởi người khác.');
      const b = await readBody(req) as Partial<Unit>;
      if (b.name !== undefined && !String(b.name).trim()) throw new Problem(422, 'VALIDATION_FAILED', 'Dữ liệu không hợp lệ.', [{ field: 'name', message: 'Tên đơn vị không được để trống.' }]);
      const changed = Object.keys(b).join(', ');
      Object.assign(u, b);
      u.version++;
      u.history.push({ at: new Date().toISOString(), actor: me.username, action: 'UPDATE', summary: `Sửa: ${changed}` });
      return send(res, 200, pub(u));
    }
    const d = u.validTo ?? today();
    return send(res, 200, { ...pub(u, d), parent: u.parentId ? ref(units.get(u.parentId)!) : null,
      predecessors: u.predecessors.map((id) => ref(units.get(id)!)),
      successors: [...units.values()].filter((s) => s.predecessors.includes(u.id)).map(ref), history: u.history });
  }
  if (method === 'GET' && path === '/users') {
    const q = fold(url.searchParams.get('q') ?? '');
    const list = [...users.values()].filter((u) => !q || fold(`${u.username} ${u.fullName} ${u.email ?? ''}`).includes(q));
    const p = page(list, url);
    return send(res, 200, { items: p.items.map(pubUser), nextCursor: p.nextCursor });
  }
  if (method === 'POST' && path === '/users') {
    const b = await readBody(req) as Partial<User>;
    if ([...users.values()].some((u) => u.username === b.username)) throw new Problem(409, 'USERNAME_TAKEN', 'Tên đăng nhập đã được sử dụng.', [{ field: 'username', message: 'Tên đăng nhập đã được sử dụng.' }]);
    const id = `p${users.size + 1}`;
    const u: User = { id, username: b.username!, fullName: b.fullName!, email: b.email ?? null, phone: b.phone ?? null, active: true, password: b.password!, grants: [] };
    users.set(id, u);
    return send(res, 201, pubUser(u));
  }
  if ((m = /^\/users\/([^/]+)(?:\/grants(?:\/([^/]+))?)?$/.exec(path))) {
    const u = users.get(m[1]!);
    if (!u) throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy người dùng.');
    if (path.includes('/grants')) {
      if (method === 'POST') {
        const b = await readBody(req) as Omit<Grant, 'id'>;
        const g: Grant = { id: randomUUID(), role: b.role, unitId: b.unitId, includeSubtree: !!b.includeSubtree };
        u.grants.push(g);
        return send(res, 201, pubGrant(g));
      }
      if (method === 'DELETE') { u.grants = u.grants.filter((g) => g.id !== m![2]); return send(res, 204); }
    }
    if (method === 'PATCH') { Object.assign(u, await readBody(req)); return send(res, 200, pubUser(u)); }
    return send(res, 200, pubUser(u));
  }
  throw new Problem(404, 'NOT_FOUND', 'Không tìm thấy.');
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

async function serveStatic(res: ServerResponse, url: URL): Promise<void> {
  const file = normalize(join(DIST, decodeURIComponent(url.pathname)));
  let target = file.startsWith(DIST) && extname(file) ? file : join(DIST, 'index.html');
  let buf: Buffer;
  try {
    buf = await readFile(target);
  } catch {
    target = join(DIST, 'index.html');
    buf = await readFile(target);
  }
  res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream', 'content-security-policy': CSP });
  res.end(buf);
}

const server = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (url.pathname === '/health') return send(res, 200, { ok: true, mock: true });
  if (!url.pathname.startsWith('/api/')) {
    serveStatic(res, url).catch(() => send(res, 500));
    return;
  }
  api(req, res, url).catch((e: unknown) => {
    const p = e instanceof Problem ? e : new Problem(500, 'INTERNAL', 'Lỗi hệ thống.');
    if (!(e instanceof Problem)) console.error(e);
    res.writeHead(p.status, { 'content-type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'about:blank', title: p.code, status: p.status, code: p.code, detail: p.detail, errors: p.errors }));
  });
});

const port = Number(process.env.MOCK_PORT ?? 3100);
server.listen(port, '127.0.0.1', () => console.log(`mock motcua API on http://127.0.0.1:${port}`));
