type Out = { out: (line: string) => void; err: (line: string) => void };

/**
 * The output of a long-running command (api, worker): each line starts with its ISO time, so a
 * process run by hand logs like one under the supervisor, which keeps a time a line already has.
 */
export function stamped(io: Out, now: () => Date = () => new Date()): Out {
  const stamp = (write: (line: string) => void) => (text: string) => {
    for (const line of text.split('\n')) write(`${now().toISOString()} ${line}`);
  };
  return { out: stamp(io.out), err: stamp(io.err) };
}
