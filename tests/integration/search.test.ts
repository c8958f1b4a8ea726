import { pinyin } from 'pinyin-pro';
import { auth, gql, hubInfo, sql } from '../helpers/hub';
import { expectedPopulation } from '../helpers/population';

/**
 * Finding a child through the gateway (docs/cases.md#finding-a-child): by exact name, by a homophone, by
 * pinyin as typed on a phone (with the sounds people confuse), by initials, and by the full ID number only —
 * inside the caller's jurisdiction, and in the audit log.
 */
const info = hubInfo();

/** Common surnames and a character that reads the same (toneless), for typing a homophone. */
const HOMOPHONE: Record<string, string> = {
  张: '章',
  王: '汪',
  李: '礼',
  刘: '留',
  陈: '晨',
  杨: '阳',
  黄: '皇',
  赵: '照',
  吴: '无',
  周: '舟',
  徐: '许',
  孙: '荪',
  马: '玛',
  朱: '珠',
  胡: '湖',
  郭: '锅',
  何: '河',
  高: '糕',
  林: '琳',
  罗: '萝',
  郑: '正',
  梁: '良',
  谢: '泻',
  宋: '送',
  唐: '糖',
  许: '徐',
  韩: '寒',
  冯: '逢',
  邓: '登',
  曹: '槽',
  彭: '朋',
  曾: '增',
  田: '甜',
  董: '懂',
  袁: '元',
  潘: '攀',
  蒋: '奖',
  蔡: '菜',
  杜: '度',
  叶: '业',
  程: '成',
  苏: '酥',
  魏: '卫',
  丁: '钉',
  任: '人',
  沈: '审',
  姚: '摇',
  卢: '炉',
  姜: '江',
  崔: '催',
  钟: '中',
  谭: '谈',
  陆: '路',
  汪: '王',
  范: '饭',
  金: '今',
  石: '十',
  廖: '料',
  贾: '假',
  夏: '下',
  付: '富',
  方: '芳',
  白: '百',
  孟: '梦',
  熊: '雄',
  秦: '琴',
  邱: '秋',
  江: '姜',
  薛: '雪',
  段: '断',
  雷: '累',
  侯: '猴',
  龙: '笼',
  陶: '桃',
  贺: '和',
  顾: '故',
  毛: '猫',
  郝: '好',
  万: '晚',
  钱: '前',
  严: '言',
  武: '五',
  戴: '带',
  孔: '空',
};

type Match = { matchedBy: string; placeName: string; child: { id: string } };
const Q = `query($t: String!, $r: String) { searchChildren(text: $t, regionPrefix: $r, first: 50) { matchedBy placeName child { id } } }`;

describe('finding a child', () => {
  const ledger = expectedPopulation().rows['civil-affairs'].child_record;
  const child = ledger.find((r) => HOMOPHONE[String(r.name)[0]] && r.id_number && String(r.name).length >= 2)!;
  const name = String(child.name);
  const county = String(child.residence_region).slice(0, 6);
  const worker = auth('ca-caseworker', county, 'case-work');
  const search = async (text: string, as = worker, region: string | null = null) => {
    const r = await gql<{ searchChildren: Match[] }>(info.gateway, Q, { t: text, r: region }, as);
    return r;
  };
  const found = async (text: string, region: string | null = null) => {
    const r = await search(text, worker, region);
    expect(r.body.errors).toBeUndefined();
    return r.body.data!.searchChildren.find((m) => m.child.id === child.id);
  };

  it('by exact name, with the place by name', async () => {
    const m = await found(name);
    expect(m).toMatchObject({ matchedBy: '姓名' });
    expect(m!.placeName).not.toMatch(/\d/);
  });

  it('by a homophone of the surname', async () => {
    const typed = HOMOPHONE[name[0]] + name.slice(1);
    expect(typed).not.toBe(name);
    expect((await found(typed))?.matchedBy).toBe('同音');
  });

  it('by pinyin as typed, with zh/z, sh/s, n/l and -ng/-n confused, and by initials', async () => {
    const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true });
    const typed = syllables.join(' ');
    expect((await found(typed))?.matchedBy).toBe('拼音');
    const sloppy = syllables.join('').replace(/zh/g, 'z').replace(/sh/g, 's').replace(/ng/g, 'n').replace(/^l/, 'n');
    expect(await found(sloppy)).toBeDefined();
    const initials = syllables.map((s) => s[0]).join('');
    expect(await found(initials, String(child.residence_region))).toBeDefined();
  });

  it('by the full ID number only, and the lookup is in the audit log', async () => {
    const id = String(child.id_number);
    expect((await found(id))?.matchedBy).toBe('身份证号');
    const partial = await search(id.slice(0, 17));
    expect(partial.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const rows = await sql(
      `SELECT 1 FROM audit_log WHERE $1 = ANY(entity_ids) AND 'Query.searchChildren' = ANY(fields) ORDER BY seq DESC LIMIT 1`,
      [`Child:${String(child.id)}`],
    );
    expect(rows).toHaveLength(1);
  });

  it('only inside the caller’s jurisdiction', async () => {
    const elsewhere = ['500101', '500110', '500112', '500154'].find(
      (c) => c !== county && !String(child.hukou_region ?? '').startsWith(c),
    )!;
    const r = await search(name, auth('ca-caseworker', elsewhere, 'case-work'));
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data!.searchChildren.map((m) => m.child.id)).not.toContain(child.id);
    const empty = await search('   ');
    expect(empty.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
