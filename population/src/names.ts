import { type Rng, Weighted } from './rng';
import type { Gender } from './types';

/**
 * Chinese personal names. Surnames carry their approximate national frequency (per mille; the 2020
 * census ranking), with Chongqing-typical surnames (冉, 向, 谭, 秦…) present. Given-name characters
 * differ by generation: children born 2008–2025, parents born 1970s–1990s, grandparents 1940s–1960s.
 */
const SURNAMES: readonly (readonly [string, number])[] = [
  ['王', 71],
  ['李', 70],
  ['张', 67],
  ['刘', 54],
  ['陈', 45],
  ['杨', 31],
  ['黄', 22],
  ['赵', 23],
  ['吴', 20],
  ['周', 20],
  ['徐', 17],
  ['孙', 15],
  ['马', 14],
  ['朱', 14],
  ['胡', 13],
  ['郭', 12],
  ['何', 12],
  ['林', 11],
  ['罗', 10],
  ['高', 11],
  ['郑', 8],
  ['梁', 8],
  ['谢', 7],
  ['宋', 7],
  ['唐', 7],
  ['许', 6],
  ['韩', 6],
  ['冯', 6],
  ['邓', 6],
  ['曹', 6],
  ['彭', 6],
  ['曾', 6],
  ['肖', 6],
  ['田', 5],
  ['董', 5],
  ['袁', 5],
  ['潘', 5],
  ['于', 5],
  ['蒋', 5],
  ['蔡', 5],
  ['余', 5],
  ['杜', 4],
  ['叶', 4],
  ['程', 4],
  ['苏', 4],
  ['魏', 4],
  ['吕', 4],
  ['丁', 4],
  ['任', 4],
  ['沈', 4],
  ['姚', 4],
  ['卢', 4],
  ['姜', 3],
  ['崔', 3],
  ['钟', 3],
  ['谭', 5],
  ['陆', 3],
  ['汪', 3],
  ['范', 3],
  ['金', 3],
  ['石', 3],
  ['廖', 3],
  ['贾', 3],
  ['夏', 3],
  ['韦', 3],
  ['付', 3],
  ['方', 3],
  ['白', 3],
  ['邹', 3],
  ['孟', 3],
  ['熊', 3],
  ['秦', 3],
  ['邱', 2],
  ['江', 2],
  ['尹', 2],
  ['薛', 2],
  ['闫', 2],
  ['段', 2],
  ['雷', 2],
  ['侯', 2],
  ['龙', 2],
  ['史', 2],
  ['陶', 2],
  ['黎', 2],
  ['贺', 2],
  ['顾', 2],
  ['毛', 2],
  ['郝', 2],
  ['龚', 2],
  ['邵', 2],
  ['万', 2],
  ['钱', 2],
  ['严', 2],
  ['覃', 2],
  ['武', 2],
  ['戴', 2],
  ['莫', 1],
  ['孔', 1],
  ['向', 3],
  ['汤', 1],
  ['冉', 2],
  ['牟', 1],
  ['母', 1],
  ['蒲', 1],
  ['况', 1],
  ['游', 1],
  ['税', 1],
];

type Generation = 'child' | 'parent' | 'elder';

const GIVEN: Record<Generation, Record<Gender, string>> = {
  child: {
    M: '子浩宇轩梓睿俊杰博文涵一晨泽皓天明辰铭宸诚凯昊然航鑫豪佳嘉思奕烨瑞祥鹏翔逸远阳锦霖言煜哲程安恒毅峻旭彬骏信承沐景瀚朗钧楷',
    F: '子梓涵欣怡诗雨可馨思雅佳悦琪萱若一语婷嘉晨彤瑶妍琳静慧依颖梦菲蕾洁璐雪月婉清宁乐心芷瑾茜露薇佩玥汐沐晴诺妤欢桐',
  },
  parent: {
    M: '伟强军勇磊涛斌超明刚平辉鹏华飞杰波林建峰亮俊海东文兵志成春国红江小永德福洪洋坤龙彪健松云',
    F: '芳丽娟敏静燕艳霞玲秀英华红梅琴萍兰琳莉雪丹婷慧倩晶莲凤云春小桂菊蓉容翠娜莎琼霞群',
  },
  elder: {
    M: '德明国华志文建永福贵金有成忠长兴昌世光正学寿清树发荣顺才全良',
    F: '秀英兰芳珍桂凤玉淑琼素翠华梅莲云芬菊春群香珠秀碧惠',
  },
};

const SINGLE_CHAR_SHARE: Record<Generation, number> = { child: 0.25, parent: 0.4, elder: 0.3 };

const surnameTable = new Weighted(SURNAMES);

export function randomSurname(rng: Rng): string {
  return surnameTable.pick(rng);
}

function givenName(rng: Rng, gender: Gender, generation: Generation): string {
  const chars = GIVEN[generation][gender];
  const first = chars[rng.int(0, chars.length - 1)];
  if (rng.chance(SINGLE_CHAR_SHARE[generation])) return first;
  let second = chars[rng.int(0, chars.length - 1)];
  // Reduplicated names (婷婷, 浩浩) exist but are rare outside nicknames.
  if (second === first && !rng.chance(0.15)) second = chars[rng.int(0, chars.length - 1)];
  return first + second;
}

export function fullName(rng: Rng, surname: string, gender: Gender, generation: Generation): string {
  return surname + givenName(rng, gender, generation);
}

/** An 11-digit mainland mobile number (13x, 15x, 17x, 18x, 19x). */
export function mobilePhone(rng: Rng): string {
  const prefixes = ['13', '15', '17', '18', '19'];
  let s = rng.pick(prefixes) + String(rng.int(0, 9));
  for (let i = 0; i < 8; i++) s += String(rng.int(0, 9));
  return s;
}
