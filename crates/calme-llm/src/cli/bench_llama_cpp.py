"""llama.cpp side of `calme bench`: reads {"gguf", "prompt_ids", "new_tokens", "threads"} on stdin,
prints {"time_to_first_token_ms", "decode_tokens_per_sec", "peak_rss_mb", "version"} as JSON."""
import json
import sys
import time

import numpy as np
import llama_cpp

req = json.load(sys.stdin)
llm = llama_cpp.Llama(model_path=req["gguf"], n_ctx=2048, n_batch=512, n_threads=req["threads"],
                      n_threads_batch=req["threads"], verbose=False)
n_vocab = llm.n_vocab()


def last_logits():
    return np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(llm.ctx, -1), shape=(n_vocab,))


def run():
    llm.reset()
    t0 = time.perf_counter()
    llm.eval(req["prompt_ids"])
    tok = int(np.argmax(last_logits()))
    ttft = time.perf_counter() - t0
    t1, c1 = time.perf_counter(), time.process_time()
    for _ in range(req["new_tokens"] - 1):
        llm.eval([tok])
        tok = int(np.argmax(last_logits()))
    steps = req["new_tokens"] - 1
    return ttft, steps / (time.perf_counter() - t1), (time.process_time() - c1) * 1e3 / steps


run()  # warm-up
ttft, tps, cpu = run()
with open("/proc/self/status") as f:
    hwm = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
print(json.dumps({"time_to_first_token_ms": ttft * 1e3, "decode_tokens_per_sec": tps, "peak_rss_mb": hwm / 1024,
                  "decode_cpu_ms_per_token": cpu,
                  "version": getattr(llama_cpp, "__version__", "?")}))
