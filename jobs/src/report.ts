import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { FAMILY_NAMES, RULE_NAMES, RULES, type RuleFamily, type RuleId } from '@hub/domain';
import type { GatewayClient } from './graphql-client';
import type { RunRecord } from './reconcile';

const CHANGE = { NEW: '新增', STILL_OPEN: '仍未解决', RESOLVED: '本次办结' } as const;
const STATUS: Record<string, string> = { OPEN: '待处理', IN_PROGRESS: '处理中', RESOLVED: '已解决', DISMISSED: '已排除' };
const RUN_STATUS: Record<string, string> = {
  RUNNING: '运行中',
  COMPLETED: '已完成',
  PARTIAL: '部分完成（部门数据不可用）',
  FAILED: '失败',
};

interface FindingRow {
  rule: string;
  name: string;
  family: RuleFamily;
  childId: string;
  status: string;
  reason: string;
  region: string | null;
  firstSeenOn: string;
  lastSeenOn: string;
  resolvedOn: string | null;
  firstRun: string;
  evidence: { agency: string; fact: string; value: string }[];
}

const FINDING_FIELDS =
  'rule name family childId status reason region firstSeenOn lastSeenOn resolvedOn firstRun evidence { agency fact value }';

/** The findings matching a filter, a page at a time: the report never holds more than one page. */
async function* findingPages(client: GatewayClient, filter: Record<string, unknown>): AsyncGenerator<FindingRow[]> {
  let after: string | null = null;
  for (;;) {
    type Page = { findings: { nodes: FindingRow[]; pageInfo: { endCursor: string | null; hasNextPage: boolean } } };
    const r: { data: Page } = await client.request<Page>(
      `query($filter: FindingFilter, $after: String) { findings(filter: $filter, first: 1000, after: $after) { nodes { ${FINDING_FIELDS} } pageInfo { endCursor hasNextPage } } }`,
      { filter, after },
    );
    yield r.data.findings.nodes;
    if (!r.data.findings.pageInfo.hasNextPage) return;
    after = r.data.findings.pageInfo.endCursor;
  }
}

async function countFindings(client: GatewayClient, filter: Record<string, unknown>): Promise<number> {
  const r = await client.request<{ findings: { totalCount: number } }>(
    `query($filter: FindingFilter) { findings(filter: $filter, first: 1) { totalCount } }`,
    { filter },
  );
  return r.data.findings.totalCount;
}

export interface RunReport {
  json: string;
  xlsx: string;
  summary: ReportSummary;
}

interface ReportSummary {
  run: RunRecord;
  findings: { new: number; stillOpen: number; resolved: number };
  unavailable: { rule: string; children: number }[];
}

/**
 * The run's report: a JSON summary and a spreadsheet (Chinese headers; a summary sheet and one sheet per rule
 * family) of the findings this run opened, still found open, and resolved. Written atomically to `dir`.
 */
export async function writeRunReport(client: GatewayClient, run: RunRecord, dir: string): Promise<RunReport> {
  const open = { lastRun: run.id, statuses: ['OPEN', 'IN_PROGRESS'] };
  const resolvedHere = { resolvedByRun: run.id };
  const [openCount, newCount, resolvedCount] = await Promise.all([
    countFindings(client, open),
    countFindings(client, { ...open, firstRun: run.id }),
    countFindings(client, resolvedHere),
  ]);
  const summary: ReportSummary = {
    run,
    findings: { new: newCount, stillOpen: openCount - newCount, resolved: resolvedCount },
    unavailable: run.counts.filter((c) => c.unavailable > 0).map((c) => ({ rule: c.rule, children: c.unavailable })),
  };

  mkdirSync(dir, { recursive: true });
  const json = join(dir, `${run.id}.json`);
  const xlsx = join(dir, `${run.id}.xlsx`);
  // Streamed: rows go to the file as they come, so the job's memory does not grow with the findings.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: `${xlsx}.tmp`, useStyles: true });
  wb.creator = 'child-welfare-hub';
  const s = wb.addWorksheet('汇总');
  s.columns = [{ width: 30 }, { width: 24 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 16 }];
  const head: (string | number)[][] = [
    ['核查任务', run.id],
    ['核查基准日', run.asOf],
    ['核查区划', run.region],
    ['状态', RUN_STATUS[run.status] ?? run.status],
    ['开始时间', run.startedAt],
    ['结束时间', run.finishedAt ?? ''],
    ['核查儿童人次', run.children],
    ['新增线索', summary.findings.new],
    ['仍未解决', summary.findings.stillOpen],
    ['本次办结', summary.findings.resolved],
    [],
  ];
  for (const r of head) s.addRow(r).commit();
  const header = s.addRow(['规则编号', '规则名称', '发现问题', '未发现问题', '无法判定', '其中数据不可用']);
  header.font = { bold: true };
  header.commit();
  for (const c of run.counts)
    s.addRow([c.rule, RULE_NAMES[c.rule as RuleId] ?? '', c.flagged, c.clear, c.inconclusive, c.unavailable]).commit();
  s.commit();

  for (const [family, title] of Object.entries(FAMILY_NAMES) as [RuleFamily, string][]) {
    if (!run.rules.some((r) => (RULES[family] as readonly string[]).includes(r))) continue;
    const ws = wb.addWorksheet(title);
    ws.columns = [
      { header: '变化', width: 10 },
      { header: '规则编号', width: 28 },
      { header: '规则名称', width: 22 },
      { header: '儿童标识', width: 46 },
      { header: '区划', width: 14 },
      { header: '处理状态', width: 10 },
      { header: '理由', width: 60 },
      { header: '首次发现', width: 12 },
      { header: '最近发现', width: 12 },
      { header: '办结日期', width: 12 },
      { header: '依据', width: 80 },
    ];
    ws.getRow(1).font = { bold: true };
    const add = (change: string, f: FindingRow) =>
      ws
        .addRow([
          change,
          f.rule,
          f.name,
          f.childId,
          f.region ?? '',
          STATUS[f.status] ?? f.status,
          f.reason,
          f.firstSeenOn,
          f.lastSeenOn,
          f.resolvedOn ?? '',
          f.evidence.map((e) => `${e.agency}·${e.fact}：${e.value}`).join('；'),
        ])
        .commit();
    for await (const page of findingPages(client, { ...open, families: [family] })) {
      for (const f of page) add(f.firstRun === run.id ? CHANGE.NEW : CHANGE.STILL_OPEN, f);
    }
    for await (const page of findingPages(client, { ...resolvedHere, families: [family] })) {
      for (const f of page) add(CHANGE.RESOLVED, f);
    }
    ws.commit();
  }
  await wb.commit();
  renameSync(`${xlsx}.tmp`, xlsx);
  writeFileSync(`${json}.tmp`, JSON.stringify(summary, null, 2));
  renameSync(`${json}.tmp`, json);
  return { json, xlsx, summary };
}
