import cliProgress from "cli-progress";

/** A progress bar on a terminal; silent lines otherwise (CI logs). Shown only for long runs. */
export function progressBar(label: string, minTotal = 20) {
  let bar: cliProgress.SingleBar | undefined;
  return {
    update(done: number, total: number, item: string) {
      if (total < minTotal || !process.stdout.isTTY) return;
      if (!bar) {
        bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {value}/{total} {item}`, hideCursor: true }, cliProgress.Presets.shades_classic);
        bar.start(total, 0, { item });
      }
      bar.update(done, { item });
    },
    stop() {
      bar?.stop();
    },
  };
}
