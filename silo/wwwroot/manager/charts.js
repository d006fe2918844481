// 统计图表: today's charts on the manager dashboard and the charts of the daily, monthly and roll-up reports, drawn with
// Chart.js (npm, served at /lib/chart.js, which sets window.Chart). It imports nothing: the reports' PDF inlines this
// very file into the page Chromium prints from file://, where no other module could be fetched.
// Figures are GET …/stats answers (StatsView, silo/Contracts/Stats.cs); targets are the categories' target waits in minutes.

const COLORS = { blue: '#1558b0', green: '#1a7f37', amber: '#b45309', red: '#b42318', grey: '#5b6675' };
const minutes = seconds => (seconds == null ? null : Math.round(seconds / 6) / 10);
const percent = share => (share == null ? null : Math.round(share * 1000) / 10);

/** Draws every `canvas[data-chart]` under `root` from `stats` (a StatsView by category), `targets` ({ code: minutes }). */
export function drawCharts(root, { stats, targets = {} }) {
  const Chart = globalThis.Chart;
  // Big, calm, printable: no animation (the PDF is printed at once), the hall's sans-serif, text never under 16 px.
  Chart.defaults.animation = false;
  Chart.defaults.font.size = 16;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#1b2430';
  for (const canvas of root.querySelectorAll('canvas[data-chart]')) {
    const config = CHARTS[canvas.dataset.chart]?.(stats, targets);
    if (!config) continue;
    Chart.getChart(canvas)?.destroy();
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', config.summary);
    new Chart(canvas, { ...config, options: { responsive: true, maintainAspectRatio: false, devicePixelRatio: 2, ...config.options } });
  }
}

const axis = title => ({ beginAtZero: true, title: { display: true, text: title }, ticks: { precision: 0 } });

const CHARTS = {
  /** 取号与办结（每半小时）: tickets taken as bars, services completed as a line. */
  arrivals: stats => {
    // From the first half hour with anyone to the last, quiet ones between kept: the day's shape.
    const busy = stats.halfHours.map(h => Boolean(h.arrivals || h.served));
    const hours = stats.halfHours.slice(busy.indexOf(true) < 0 ? 0 : busy.indexOf(true), busy.lastIndexOf(true) + 1);
    return {
      type: 'bar',
      summary: `每半小时取号与办结：共取号 ${stats.totals.issued}，办结 ${stats.totals.served}`,
      data: {
        labels: hours.map(h => h.start),
        datasets: [
          { type: 'bar', label: '取号', data: hours.map(h => h.arrivals), backgroundColor: COLORS.blue },
          { type: 'line', label: '办结', data: hours.map(h => h.served), borderColor: COLORS.green, backgroundColor: COLORS.green, borderWidth: 3 },
        ],
      },
      options: { scales: { y: axis('人次') } },
    };
  },
  /** 各类别等候与目标: the median and 90th-percentile wait per category, and its target as a mark. */
  waits: (stats, targets) => {
    const rows = stats.rows;
    return {
      type: 'bar',
      summary: `各业务类别等候时间与目标：${rows.map(r => `${r.name} 中位 ${minutes(r.wait.p50) ?? '—'} 分钟，目标 ${targets[r.key] ?? '—'} 分钟`).join('；')}`,
      data: {
        labels: rows.map(r => r.name),
        datasets: [
          { label: '中位等候（分钟）', data: rows.map(r => minutes(r.wait.p50)), backgroundColor: COLORS.blue },
          { label: '90% 等候（分钟）', data: rows.map(r => minutes(r.wait.p90)), backgroundColor: COLORS.amber },
          { type: 'line', label: '目标等候（分钟）', data: rows.map(r => targets[r.key] ?? null), showLine: false,
            pointStyle: 'line', pointRadius: 22, pointBorderWidth: 4, borderColor: COLORS.red, backgroundColor: COLORS.red },
        ],
      },
      options: { scales: { y: axis('分钟') } },
    };
  },
  /** 满意度: the share of grades 3–5 per category (评价次数 in the label). */
  satisfaction: stats => {
    const rows = stats.rows.filter(r => r.ratings.count > 0);
    const t = stats.totals.ratings;
    return {
      type: 'bar',
      summary: t.count ? `满意率 ${percent(t.satisfied)}%（评价 ${t.count} 次，差评 ${t.bad} 次）` : '暂无评价',
      data: {
        labels: rows.map(r => `${r.name}（${r.ratings.count} 次）`),
        datasets: [{ label: '满意率（%）', data: rows.map(r => percent(r.ratings.satisfied)), backgroundColor: COLORS.green }],
      },
      options: {
        indexAxis: 'y', scales: { x: { min: 0, max: 100, title: { display: true, text: '%' } } },
        plugins: { title: { display: true, text: t.count ? `总体满意率 ${percent(t.satisfied)}%，差评 ${t.bad} 次` : '暂无评价' } },
      },
    };
  },
  /** 每日取号与办结 (monthly reports): one bar pair per day. */
  days: stats => ({
    type: 'bar',
    summary: `每日取号与办结：共取号 ${stats.totals.issued}，办结 ${stats.totals.served}`,
    data: {
      labels: stats.days.map(d => String(d.date).slice(5)),
      datasets: [
        { label: '取号', data: stats.days.map(d => d.totals.issued), backgroundColor: COLORS.blue },
        { label: '办结', data: stats.days.map(d => d.totals.served), backgroundColor: COLORS.green },
      ],
    },
    options: { scales: { y: axis('人次') } },
  }),
};

/**
 * The dashboard's 今日统计: today's figures by category for the hall at `base` (/api/halls/{id}), in its time zone
 * (`zone()`), against its categories' targets (`categories()`), read again every minute while `visible()`.
 */
export function chartsView({ base, zone, categories, visible, section }) {
  const status = section.querySelector('.charts-status');
  async function load() {
    if (!zone()) return;
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: zone() }).format(new Date());   // YYYY-MM-DD
    try {
      const res = await fetch(`${base}/stats?from=${today}&to=${today}&by=category`, { headers: { Accept: 'application/json' } });
      if (!res.ok) throw new Error(String(res.status));
      const targets = Object.fromEntries((categories() ?? []).map(c => [c.code, c.targetWaitMinutes]));
      drawCharts(section, { stats: await res.json(), targets });
      status.textContent = '';
    } catch {
      status.textContent = '今日统计暂时无法读取，稍后自动重试';
    }
    for (const a of section.querySelectorAll('a[data-report]'))
      a.href = `${base}/reports/${a.dataset.report === 'monthly' ? `monthly?month=${today.slice(0, 7)}` : `daily?date=${today}`}`;
  }
  setInterval(() => { if (visible()) load(); }, 60_000);
  return { load };
}

// A report page carries its figures in <script type="application/json" id="report-figures">.
const figures = document.getElementById('report-figures');
if (figures) drawCharts(document, JSON.parse(figures.textContent));
