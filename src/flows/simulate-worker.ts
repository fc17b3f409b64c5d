/**
 * The simulate worker thread: the main thread's ruleset (refused if this thread loads
 * another) and its articles per code, and `simulateText` for each request, in order.
 */
import { parentPort, workerData } from "node:worker_threads";
import { createDiagnoser } from "../diagnosis/engine";
import { loadRules } from "../diagnosis/rules";
import { simulateText, type SimulateWorkerData, type SimulateWorkerMessage } from "./simulate";

const port = parentPort!;
const { articles, rulesVersion } = workerData as SimulateWorkerData;
const post = (m: SimulateWorkerMessage) => port.postMessage(m);

const articlesFor = (code: keyof typeof articles) => articles[code] ?? [];
const diagnoser = createDiagnoser({
  rules: loadRules({ hasArticle: (code) => articlesFor(code).length > 0 }),
  articlesFor,
});
if (diagnoser.rulesVersion !== rulesVersion) {
  post({ kind: "failed", error: `rules ${diagnoser.rulesVersion} here, ${rulesVersion} in the app` });
} else {
  port.on("message", (m: { id: number; text: string }) => {
    simulateText(m.text, diagnoser).then(
      (simulated) => post({ kind: "answer", id: m.id, simulated }),
      // A bug in a diagnosis: the main thread diagnoses it again and reports it like any other.
      () => post({ kind: "answer", id: m.id, simulated: undefined }),
    );
  });
  post({ kind: "ready" });
}
