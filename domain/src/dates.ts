/** Today's civil date in China Standard Time (YYYY-MM-DD): the registers' dates are CST dates, whatever the server's zone. */
export function todayInChina(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(),
  );
}
