/** Builds an .xlsx in the browser (exceljs, loaded only when asked for) and hands it to the user. */
export async function downloadXlsx(filename: string, sheet: string, header: string[], rows: (string | number | null)[][]): Promise<void> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = '儿童关爱数据共享枢纽';
  const ws = wb.addWorksheet(sheet);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.columns.forEach((c) => (c.width = 18));
  const buffer = await wb.xlsx.writeBuffer();
  const url = URL.createObjectURL(new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The most rows an export pages in (a sheet beyond this is no longer a list to work through). */
const EXPORT_CAP = 5000;

interface Connection<T> {
  totalCount: number;
  nodes: T[];
  pageInfo: { endCursor: string | null; hasNextPage: boolean };
}

/**
 * Every row of a list as the page filters it, paged from the hub with the page's own query up to EXPORT_CAP;
 * `total` is the hub's count, so a capped export can say how many it left out.
 */
export async function fetchAll<T>(
  page: (first: number, after: string | null) => Promise<Connection<T>>,
): Promise<{ rows: T[]; total: number; capped: boolean }> {
  const rows: T[] = [];
  let after: string | null = null;
  for (;;) {
    const p = await page(Math.min(1000, EXPORT_CAP - rows.length), after);
    rows.push(...p.nodes);
    if (!p.pageInfo.hasNextPage) return { rows, total: p.totalCount, capped: false };
    if (rows.length >= EXPORT_CAP) return { rows, total: p.totalCount, capped: true };
    after = p.pageInfo.endCursor;
  }
}

/** What the page says after an export: how many rows, and that the cap cut it short if it did. */
export function exportedMessage(done: { rows: unknown[]; total: number; capped: boolean }, unit: string): string {
  return done.capped
    ? `已导出前 ${done.rows.length} ${unit}（共 ${done.total} ${unit}，一次最多导出 ${EXPORT_CAP} ${unit}，请缩小筛选范围后分批导出）`
    : `已导出 ${done.rows.length} ${unit}`;
}
