/**
 * Chinese names of the hub's codes, in one place for the rules (which write them into reasons and evidence)
 * and the dashboard (which shows them, and translates codes in findings recorded before the rules did).
 * Plain data with no imports: the dashboard's bundle includes this file as it is.
 */
export const CATEGORY_NAMES: Record<string, string> = {
  LEFT_BEHIND: '农村留守儿童',
  MIGRANT: '流动儿童',
  DIFFICULT_POVERTY: '困境儿童（贫困）',
  DIFFICULT_DISABILITY: '困境儿童（残疾）',
  DIFFICULT_ILLNESS: '困境儿童（重病）',
  DIFFICULT_GUARDIANSHIP: '困境儿童（监护）',
  ORPHAN: '孤儿',
  SCATTERED_ORPHAN: '散居孤儿',
  DE_FACTO_UNSUPPORTED: '事实无人抚养儿童',
  NO_HUKOU: '无户籍儿童',
};

export const SUPPORT_NAMES: Record<string, string> = {
  MINIMUM_LIVING: '低保',
  EXTREME_POVERTY: '特困供养',
  ORPHAN_ALLOWANCE: '孤儿基本生活费',
  DE_FACTO_UNSUPPORTED_ALLOWANCE: '事实无人抚养儿童基本生活补贴',
  DIFFICULT_CHILD_ALLOWANCE: '困境儿童基本生活费',
  DISABILITY_LIVING_SUBSIDY: '困难残疾人生活补贴',
  SEVERE_DISABILITY_CARE_SUBSIDY: '重度残疾人护理补贴',
  TEMPORARY_ASSISTANCE: '临时救助',
};

export const ENROLMENT_STATUS_NAMES: Record<string, string> = {
  ENROLLED: '在读',
  SUSPENDED: '休学',
  DROPPED_OUT: '辍学',
  GRADUATED: '毕业',
  TRANSFERRED: '转出',
};
export const HUKOU_STATUS_NAMES: Record<string, string> = { NORMAL: '正常', DECEASED: '死亡注销', CANCELLED: '注销', MOVED_OUT: '迁出' };
export const SUBSIDY_NAMES: Record<string, string> = { FULL: '全额资助', PARTIAL: '定额资助', NONE: '无资助' };
export const DISABILITY_TYPE_NAMES: Record<string, string> = {
  VISUAL: '视力残疾',
  HEARING: '听力残疾',
  SPEECH: '言语残疾',
  PHYSICAL: '肢体残疾',
  INTELLECTUAL: '智力残疾',
  MENTAL: '精神残疾',
  MULTIPLE: '多重残疾',
};
export const CERTIFICATE_STATUS_NAMES: Record<string, string> = { VALID: '有效', EXPIRED: '已过有效期', CANCELLED: '已注销' };
export const RISK_COLOUR_NAMES: Record<string, string> = { RED: '红色', YELLOW: '黄色', BLUE: '蓝色', GREEN: '绿色' };

/** A code's Chinese name, or the code itself when it has none. */
export const nameOf = (names: Record<string, string>, code: string): string => names[code] ?? code;
