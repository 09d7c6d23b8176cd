#!/usr/bin/env python3
"""Write amplification of fixed-size chunks for scattered delta grains (the chunk-size choice in docs/benchmarks.md).

A delta of DELTA bytes made of grains of one size, written at random grain-aligned offsets of a DISK-byte disk, is
merged into a chunk store: every chunk a grain touches is rewritten whole. Prints, per chunk size, the bytes stored
per byte of delta, the objects created per GiB of delta and the index size per TiB of disk (32-byte references).
"""
import random

DISK = 64 << 30
DELTA = 256 << 20
GRAINS = [512, 4096, 65536]
CHUNKS = [16 << 10, 32 << 10, 64 << 10, 128 << 10, 256 << 10, 1 << 20, 4 << 20]


def touched_chunks(grain, chunk, seed=1):
    r = random.Random(seed)
    count = DELTA // grain
    slots = r.sample(range(DISK // grain), count)
    touched = set()
    for s in slots:
        touched.update(range((s * grain) // chunk, (s * grain + grain - 1) // chunk + 1))
    return len(touched)


print(f"disk {DISK >> 30} GiB, delta {DELTA >> 20} MiB of scattered grains")
print("| chunk | " + " | ".join(f"stored/delta, {g} B grains" for g in GRAINS) + " | objects per GiB of 64 KiB-grain delta | index per TiB |")
print("|---|" + "---|" * len(GRAINS) + "---|---|")
for chunk in CHUNKS:
    ratios = []
    objects = 0
    for grain in GRAINS:
        touched = touched_chunks(grain, chunk)
        ratios.append(f"{touched * chunk / DELTA:.1f}x")
        if grain == 65536:
            objects = touched * (1 << 30) // DELTA
    index_mib = (1 << 40) // chunk * 32 / (1 << 20)
    print(f"| {chunk >> 10} KiB | " + " | ".join(ratios) + f" | {objects} | {index_mib:.0f} MiB |")
