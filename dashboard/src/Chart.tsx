import { useEffect, useRef } from 'react';
import * as echarts from 'echarts';

/** An ECharts chart that follows its container's size; numbers on hover come from the option's tooltip. */
export function Chart({ option, height = 280, label }: { option: echarts.EChartsOption; height?: number; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current);
    chart.setOption(option);
    const ro = new ResizeObserver(() => chart.resize());
    ro.observe(el.current);
    return () => {
      ro.disconnect();
      chart.dispose();
    };
  }, [option]);
  return <div ref={el} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
