/**
 * Made-up applicants with the shape of real ones: Vietnamese names in the usual proportions of family names,
 * mobile numbers of the national plan, 12-digit personal ID numbers of Hà Nội (001…), addresses in the unit.
 * None of them is a real person's data.
 */
import type { Rng } from './random';

const families: [string, number][] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9.5],
  ['Phạm', 7],
  ['Hoàng', 4],
  ['Huỳnh', 1],
  ['Phan', 4.5],
  ['Vũ', 3.9],
  ['Võ', 1],
  ['Đặng', 2.1],
  ['Bùi', 2],
  ['Đỗ', 1.4],
  ['Hồ', 1.3],
  ['Ngô', 1.3],
  ['Dương', 1],
  ['Lý', 0.5],
  ['Đào', 0.8],
  ['Đinh', 0.7],
  ['Lương', 0.5],
  ['Trịnh', 0.6],
  ['Mai', 0.4],
  ['Tạ', 0.3],
  ['Khuất', 0.2],
  ['Chu', 0.3],
];
const familyNames = families.map((f) => f[0]);
const familyWeights = families.map((f) => f[1]);

const maleMiddle = [
  'Văn',
  'Văn',
  'Văn',
  'Đức',
  'Minh',
  'Quang',
  'Hữu',
  'Xuân',
  'Thành',
  'Tiến',
  'Công',
  'Đình',
  'Mạnh',
];
const femaleMiddle = ['Thị', 'Thị', 'Thị', 'Thu', 'Ngọc', 'Thanh', 'Minh', 'Phương', 'Hồng', 'Bích', 'Thùy', 'Kim'];
const maleGiven = [
  'An',
  'Anh',
  'Bình',
  'Cường',
  'Dũng',
  'Đạt',
  'Hải',
  'Hiếu',
  'Hoàng',
  'Hùng',
  'Huy',
  'Khánh',
  'Khoa',
  'Long',
  'Mạnh',
  'Minh',
  'Nam',
  'Phong',
  'Phúc',
  'Quân',
  'Quang',
  'Sơn',
  'Tài',
  'Thắng',
  'Thành',
  'Toàn',
  'Trung',
  'Tuấn',
  'Tùng',
  'Việt',
  'Vinh',
  'Đức',
];
const femaleGiven = [
  'Anh',
  'Ánh',
  'Chi',
  'Dung',
  'Giang',
  'Hà',
  'Hằng',
  'Hạnh',
  'Hoa',
  'Huyền',
  'Hương',
  'Lan',
  'Linh',
  'Loan',
  'Mai',
  'My',
  'Nga',
  'Ngọc',
  'Nhung',
  'Oanh',
  'Phương',
  'Quyên',
  'Thảo',
  'Thủy',
  'Trang',
  'Uyên',
  'Vân',
  'Yến',
  'Hiền',
  'Tâm',
];
const hamlets = [
  'Thôn Đông',
  'Thôn Đoài',
  'Thôn Nam',
  'Thôn Bắc',
  'Thôn Thượng',
  'Thôn Hạ',
  'Thôn Trung',
  'Thôn Yên',
  'Thôn Phú Mỹ',
  'Thôn Đại Bái',
  'Thôn Bạch Trữ',
  'Thôn Kim Tiền',
  'Thôn Văn Quán',
  'Thôn Phù Trì',
];
const streets = ['Trần Phú', 'Lê Lợi', 'Nguyễn Trãi', 'Quang Trung', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Hàng Bông'];
const mobilePrefixes = [
  '096',
  '097',
  '098',
  '086',
  '032',
  '033',
  '034',
  '035',
  '036',
  '037',
  '038',
  '039',
  '091',
  '094',
  '088',
  '083',
  '084',
  '085',
  '090',
  '093',
  '070',
  '079',
  '077',
  '056',
  '058',
];
const cooperativeKinds = ['Hợp tác xã nông nghiệp', 'Hợp tác xã dịch vụ', 'Công ty TNHH', 'Tổ hợp tác'];

/** The name parts, for tools that build names in SQL (bench/dossier-queue.bench.ts) with the same frequencies. */
export const nameParts = {
  families,
  middles: [...new Set([...maleMiddle, ...femaleMiddle])],
  givens: [...new Set([...maleGiven, ...femaleGiven])],
};

export interface Person {
  type: 'PERSON' | 'ORGANISATION';
  name: string;
  phone: string;
  idNumber?: string;
  birthDate?: string;
  address: string;
  email?: string;
}

function digits(rng: Rng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(10));
  return s;
}

export function personName(rng: Rng): { name: string; female: boolean } {
  const female = rng.chance(0.52);
  const family = rng.weighted(familyNames, familyWeights);
  const middle = rng.pick(female ? femaleMiddle : maleMiddle);
  const given = rng.pick(female ? femaleGiven : maleGiven);
  return { name: `${family} ${middle} ${given}`, female };
}

export function phoneNumber(rng: Rng): string {
  return rng.pick(mobilePrefixes) + digits(rng, 7);
}

export function address(rng: Rng, unitName: string): string {
  if (unitName.startsWith('Phường'))
    return `Số ${1 + rng.int(120)} phố ${rng.pick(streets)}, ${unitName}, Thành phố Hà Nội`;
  return `${rng.pick(hamlets)}, ${unitName}, Thành phố Hà Nội`;
}

const accentFree = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/** An applicant: a person (ID number of Hà Nội, born 1945–2006), or for business fields sometimes an organisation. */
export function applicant(rng: Rng, unitName: string, organisation: boolean): Person {
  if (organisation) {
    const { name } = personName(rng);
    return {
      type: 'ORGANISATION',
      name: `${rng.pick(cooperativeKinds)} ${name.split(' ').slice(-1)[0]} ${unitName.replace(/^(Xã|Phường) /, '')}`,
      phone: phoneNumber(rng),
      address: address(rng, unitName),
    };
  }
  const { name, female } = personName(rng);
  const year = 1945 + rng.int(62);
  const month = 1 + rng.int(12);
  const day = 1 + rng.int(28);
  // 001 = Hà Nội; the century-and-sex digit: 0/1 born in the 1900s, 2/3 in the 2000s (male/female).
  const centurySex = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  const idNumber = `001${centurySex}${String(year % 100).padStart(2, '0')}${digits(rng, 6)}`;
  const p: Person = {
    type: 'PERSON',
    name,
    phone: phoneNumber(rng),
    idNumber,
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    address: address(rng, unitName),
  };
  if (rng.chance(0.3)) p.email = `${accentFree(name).replace(/\s+/g, '.')}${rng.int(100)}@example.vn`;
  return p;
}
