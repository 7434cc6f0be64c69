"""What every benchmark times the same way: the best of several runs, so a busy moment does not count."""

import time


def best_time(function, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)
