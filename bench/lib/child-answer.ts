/**
 * A bench's client runs in a child process of its own (so it does not share the server's event loop): the parent
 * forks the bench file with a mode flag and sends one job; the child answers once with the result or the error.
 */
import { fork } from 'node:child_process';

type Answer<T> = { ok: true; result: T } | { ok: false; error: string };

/** From the parent: forks `file` with `mode`, sends `job`, and waits for the one answer. */
export function askChild<T>(file: string, mode: string, job: unknown, label: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = fork(file, [mode], { execArgv: ['-r', '@swc-node/register'], stdio: 'inherit' });
    let answered = false;
    child.once('message', (message: Answer<T>) => {
      answered = true;
      if (message.ok) resolve(message.result);
      else reject(new Error(`${label}: ${message.error}`));
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (!answered) reject(new Error(`${label} exited with ${code} before answering`));
    });
    child.send(job as object);
  });
}

/** In the child: takes the one job, runs it, answers, and exits. */
export function answerParent<J, T>(run: (job: J) => Promise<T>): void {
  process.once('message', (job: J) => {
    run(job).then(
      (result) => process.send?.({ ok: true, result } satisfies Answer<T>, () => process.exit(0)),
      (error: unknown) =>
        process.send?.({ ok: false, error: String(error) } satisfies Answer<T>, () => process.exit(1)),
    );
  });
}
