/**
 * Keyset paging controls: `cursors` is the stack of `after` cursors of the pages visited (the first is null);
 * 上一页 pops one, 下一页 pushes the current page's end cursor.
 */
export function Pager(props: {
  cursors: (string | null)[];
  setCursors: (c: (string | null)[]) => void;
  pageInfo: { hasNextPage: boolean; endCursor: string | null } | undefined;
}) {
  const { cursors, setCursors, pageInfo } = props;
  return (
    <div className="pager">
      <button disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
        上一页
      </button>
      <span className="muted">第 {cursors.length} 页</span>
      <button disabled={!pageInfo?.hasNextPage} onClick={() => pageInfo && setCursors([...cursors, pageInfo.endCursor])}>
        下一页
      </button>
    </div>
  );
}
