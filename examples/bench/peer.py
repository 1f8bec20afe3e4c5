"""The Python peer of build.ps1 -Task Bench: what a user would script with tifffile + numpy + zarr 2.13/numcodecs,
with the same Blosc (zstd 5, bitshuffle) and chunks as PhotonCodec. Each path is called once cold (the first
call in this process) and then `repeat` times warm. Also the native limits (single-thread c-blosc on our codes,
tifffile's read) and the chunk bytes numcodecs stores for the same values. Prints one JSON object.

usage: peer.py MOVIE.tif WORK REPEAT   (WORK holds our Quantized.zarr and Lossless.zarr)
"""
import json
import os
import sys
import time

import numpy as np
import tifffile
import zarr
from numcodecs import Blosc, blosc

movie, work, repeat = sys.argv[1], sys.argv[2], int(sys.argv[3])
comp = Blosc(cname='zstd', clevel=5, shuffle=Blosc.BITSHUFFLE)


def chunk_bytes(path):
    return sum(os.path.getsize(os.path.join(path, f)) for f in os.listdir(path) if not f.startswith('.'))


def timed(call, times):
    out = []
    for _ in range(times):
        t = time.perf_counter()
        call()
        out.append(time.perf_counter() - t)
    return out


def cold_warm(call):
    calls = timed(call, 1 + repeat)
    return {'cold': calls[0], 'warm': calls[1:]}


# The encode table (level -> code) of our archive, read off the movie and our codes outside any timing: the peer's
# Quantized encode is then tifffile + one numpy lookup + zarr, on values identical to ours.
ours = zarr.open(os.path.join(work, 'Quantized.zarr'), mode='r')
codes = ours[:]
levels = tifffile.imread(movie)
lut = np.zeros(np.iinfo(levels.dtype).max + 1, dtype=codes.dtype)
lut[levels.ravel()] = codes.ravel()
assert np.array_equal(lut[levels], codes), 'our codes are not a function of the level'
chunks = (min(100, levels.shape[0]),) + levels.shape[1:]
nbytes = levels.nbytes
del levels


def encode_quantized():
    a = tifffile.imread(movie)
    zarr.save_array(os.path.join(work, 'peer-quantized.zarr'), lut[a], chunks=chunks, compressor=comp)


def encode_lossless():
    a = tifffile.imread(movie)
    zarr.save_array(os.path.join(work, 'peer-lossless.zarr'), a, chunks=chunks, compressor=comp)


def decode():
    z = zarr.open(os.path.join(work, 'Quantized.zarr'), mode='r')
    return np.asarray(z.attrs['photon']['decode_lut'], dtype=np.uint16)[z[:]]


frames = codes.shape[0]
picks = [(i * 7919 + 13) % frames for i in range(20)]


def one_frame(f):
    z = zarr.open(os.path.join(work, 'Quantized.zarr'), mode='r')
    return np.asarray(z.attrs['photon']['decode_lut'], dtype=np.uint16)[z[f]]


result = {'nbytes': nbytes}
result['Quantized'] = cold_warm(encode_quantized)
result['Lossless'] = cold_warm(encode_lossless)
result['Decode'] = cold_warm(decode)
t = time.perf_counter()
one_frame(picks[0])
result['Frame'] = {'cold': time.perf_counter() - t, 'warm': [timed(lambda: one_frame(f), 1)[0] for f in picks]}
result['ChunkBytes'] = {'Quantized': chunk_bytes(os.path.join(work, 'peer-quantized.zarr')),
                        'Lossless': chunk_bytes(os.path.join(work, 'peer-lossless.zarr'))}

# Native limits: c-blosc on one thread over our codes, chunk by chunk, and tifffile's read of the whole movie.
previous = blosc.set_nthreads(1)
parts = [np.ascontiguousarray(codes[i:i + chunks[0]]) for i in range(0, frames, chunks[0])]
compressed = []
t = time.perf_counter()
for p in parts:
    compressed.append(blosc.compress(p, b'zstd', 5, blosc.BITSHUFFLE))
compress_seconds = time.perf_counter() - t
t = time.perf_counter()
for c in compressed:
    blosc.decompress(c)
decompress_seconds = time.perf_counter() - t
blosc.set_nthreads(previous)
result['Native'] = {'CompressCodes': compress_seconds, 'DecompressCodes': decompress_seconds,
                    'TiffRead': min(timed(lambda: tifffile.imread(movie), 3)),
                    'BloscThreads': previous}
print(json.dumps(result))
