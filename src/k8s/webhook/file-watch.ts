// Polls files for changes (fs.watchFile follows symlinks, so the atomic `..data` symlink swap of a
// Kubernetes Secret or ConfigMap volume is seen as a change of the file).
import { unwatchFile, watchFile, type Stats } from 'node:fs';

/** Calls `onChange` when any of the files changes; returns the function that stops watching. */
export function watchFiles(paths: readonly string[], intervalMs: number, onChange: () => void): () => void {
  const listener = (current: Stats, previous: Stats): void => {
    if (current.mtimeMs !== previous.mtimeMs || current.ino !== previous.ino || current.size !== previous.size) onChange();
  };
  for (const path of paths) watchFile(path, { interval: intervalMs, persistent: false }, listener);
  return () => {
    for (const path of paths) unwatchFile(path, listener);
  };
}
