"""Writes the TIFF fixtures for TiffFrameSource tests into argv[1] and prints a JSON manifest.

Each readable case gets NAME.tif plus NAME.raw (expected frames, little-endian, C order).
argv[2] is the folder of real movies (/work/shared/data); each *.tif there gets a .raw from tifffile.imread.
Debian's tifffile has no imagecodecs, so pure-Python LZW, PackBits and floating-point-predictor encoders are
plugged into it (checked against libtiff via Pillow, and tifffile's PackBits decoder, while writing this script); one extra LZW file is
written by Pillow/libtiff itself as an independent check.
"""
import glob
import hashlib
import json
import os
import struct
import sys

import numpy as np
import tifffile
from tifffile import COMPRESSION

out = sys.argv[1]
real_dir = sys.argv[2] if len(sys.argv) > 2 else None
rng = np.random.default_rng(20240611)
cases = []
errors = []


def lzw_encode(data, level=None, out=None, axis=None):
    """TIFF LZW (MSB-first codes, early change), as libtiff writes it."""
    data = bytes(data)
    out = bytearray()
    acc = 0
    nacc = 0
    def emit(code, width):
        nonlocal acc, nacc
        acc = (acc << width) | code
        nacc += width
        while nacc >= 8:
            nacc -= 8
            out.append((acc >> nacc) & 0xFF)
        acc &= (1 << nacc) - 1
    def fresh():
        return {bytes([i]): i for i in range(256)}
    table = fresh(); nxt = 258; width = 9
    emit(256, width)
    w = b''
    for b in data:
        wc = w + bytes([b])
        if wc in table:
            w = wc
            continue
        emit(table[w], width)
        table[wc] = nxt; nxt += 1
        if nxt == 4094:
            emit(256, width); table = fresh(); nxt = 258; width = 9
        elif nxt == (1 << width):
            width += 1
        w = bytes([b])
    if w:
        emit(table[w], width)
        nxt += 1
        if nxt == 4094:
            emit(256, width); nxt = 258; width = 9
        elif nxt == (1 << width):
            width += 1
    emit(257, width)
    if nacc:
        out.append((acc << (8 - nacc)) & 0xFF)
    return bytes(out)


def packbits_encode(data, level=None, out=None, axis=None):
    """TIFF PackBits: runs of 3..128 equal bytes, literals of 1..128 bytes."""
    data = bytes(data)
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        j = i + 1
        while j < n and j - i < 128 and data[j] == data[i]:
            j += 1
        if j - i >= 3:
            out += bytes([(257 - (j - i)) & 0xFF, data[i]])
            i = j
            continue
        j = i
        while j < n and j - i < 128:
            if j + 2 < n and data[j] == data[j + 1] == data[j + 2]:
                break
            j += 1
        out.append(j - i - 1)
        out += data[i:j]
        i = j
    return bytes(out)


def floatpred_encode(data, axis=-2, out=None):
    """TIFF floating-point predictor (3): per row, bytes regrouped most significant first, then byte differences."""
    a = np.asarray(data)
    width = a.shape[-2] * a.shape[-1] if a.ndim >= 3 else a.shape[-1]
    rows = a.reshape(-1, width)
    size = a.dtype.itemsize
    planes = np.ascontiguousarray(rows.astype(a.dtype.newbyteorder('>'))).view('u1').reshape(rows.shape[0], width, size)
    planes = planes.transpose(0, 2, 1).reshape(rows.shape[0], width * size)
    diff = planes.copy()
    diff[:, 1:] = planes[:, 1:] - planes[:, :-1]
    return diff


tifffile.TIFF.COMPRESSORS._codecs[5] = lzw_encode
tifffile.TIFF.COMPRESSORS._codecs[32773] = packbits_encode
tifffile.TIFF.PREDICTORS._codecs[3] = floatpred_encode


def path(name):
    return os.path.join(out, name)


def random_frames(dtype, shape):
    dt = np.dtype(dtype)
    if dt.kind in 'ui':
        info = np.iinfo(dt)
        a = rng.integers(info.min, info.max, size=shape, dtype=dt, endpoint=True)
        flat = a.reshape(-1)
        flat[0] = info.min
        flat[-1] = info.max
        # a smooth region so the predictor and the compressors have real work
        k = min(200, flat.size - 1)
        flat[1:k] = np.arange(1, k) % 97
        return a
    a = (rng.normal(0, 1000, size=shape)).astype(dt)
    flat = a.reshape(-1)
    flat[:4] = [0.0, -0.0, np.finfo(dt).max, np.finfo(dt).tiny]
    return a


def add_case(name, data, **info):
    data = np.asarray(data)
    with open(path(name + '.raw'), 'wb') as f:
        f.write(np.ascontiguousarray(data.astype(data.dtype.newbyteorder('<'))).tobytes())
    tif = tifffile.TiffFile(path(name + '.tif'))
    page = tif.pages[0]
    entry = dict(
        name=name, tif=path(name + '.tif'), raw=path(name + '.raw'),
        dtype=data.dtype.name, frames=len(tif.pages),
        height=int(page.shape[0]), width=int(page.shape[1]),
        bigtiff=bool(tif.is_bigtiff), bigendian=tif.byteorder == '>',
        compression=int(page.compression), predictor=int(page.predictor), tiled=bool(page.is_tiled),
        strips_or_tiles=len(page.dataoffsets), description=page.description or None, software=page.software or None,
        sha256=hashlib.sha256(open(path(name + '.tif'), 'rb').read()).hexdigest(), file_size=os.path.getsize(path(name + '.tif')))
    entry.update(info)
    tif.close()
    cases.append(entry)


# every dtype x every compression, byte order / tiles / strips per frame / predictor varied between them
dtypes = ['uint8', 'int8', 'uint16', 'int16', 'uint32', 'int32', 'float32', 'float64']
compressions = {'none': None, 'lzw': COMPRESSION.LZW, 'adobe_deflate': COMPRESSION.ADOBE_DEFLATE,
                'deflate': COMPRESSION.DEFLATE, 'packbits': COMPRESSION.PACKBITS}
for di, dtype in enumerate(dtypes):
    for ci, (cname, comp) in enumerate(compressions.items()):
        byteorder = '<>'[(di + ci) % 2]
        tiled = (di + 2 * ci) % 3 == 0
        predictor = (comp in (COMPRESSION.LZW, COMPRESSION.ADOBE_DEFLATE, COMPRESSION.DEFLATE)
                     and not dtype.startswith('float') and (di // 2 + ci) % 2 == 0)
        kw = dict(byteorder=byteorder, metadata=None, photometric='minisblack')
        if comp is not None:
            kw['compression'] = comp
        if predictor:
            kw['predictor'] = True
        if tiled:
            kw['tile'] = (16, 32) if di % 2 else (16, 16)
        elif (di + ci) % 3 == 1:
            kw['rowsperstrip'] = 8
        name = f'{dtype}_{cname}_{"be" if byteorder == ">" else "le"}_{"tiles" if tiled else "strips"}{"_pred" if predictor else ""}'
        data = random_frames(dtype, (3, 37, 50))
        tifffile.imwrite(path(name + '.tif'), data, **kw)
        add_case(name, data)

# floating-point predictor (3)
for name, dtype, kw in [('float32_fpred_deflate_le_strips', 'float32', dict(compression='zlib', rowsperstrip=8)),
                        ('float32_fpred_lzw_be_tiles', 'float32', dict(compression='lzw', byteorder='>', tile=(16, 16))),
                        ('float64_fpred_deflate_be_strips', 'float64', dict(compression='zlib', byteorder='>'))]:
    data = random_frames(dtype, (3, 37, 50))
    tifffile.imwrite(path(name + '.tif'), data, predictor=3, metadata=None, photometric='minisblack', **kw)
    add_case(name, data)

# BigTIFF, both byte orders
data = random_frames('uint16', (4, 40, 33))
tifffile.imwrite(path('bigtiff_le_lzw_tiles.tif'), data, bigtiff=True, compression='lzw', predictor=True, tile=(16, 16),
                 metadata=None, photometric='minisblack')
add_case('bigtiff_le_lzw_tiles', data)
# ImageJ hyperstacks
data = random_frames('uint16', (3, 2, 24, 20))
tifffile.imwrite(path('imagej_tzyx_be.tif'), data, imagej=True, byteorder='>', metadata={'axes': 'TZYX'})
add_case('imagej_tzyx_be', data.reshape(6, 24, 20))
data = random_frames('float32', (5, 16, 18))
tifffile.imwrite(path('imagej_frames_f4.tif'), data, imagej=True, compression='zlib', metadata={'axes': 'TYX', 'finterval': 0.5})
add_case('imagej_frames_f4', data)

# ImageJ's layout for stacks over 4 GB: one IFD, images=N in the description, frames back to back after page 0
def imagej_single_ifd(name, data, byteorder, truncate=0, **kw):
    n = len(data)
    tifffile.imwrite(path(name + '.tif'), data[0], byteorder=byteorder, metadata=None, photometric='minisblack',
                     description=f'ImageJ=1.54f\nimages={n}\nframes={n}\nloop=false\n', **kw)
    with tifffile.TiffFile(path(name + '.tif')) as tif:
        page = tif.pages[0]
        assert page.dataoffsets[-1] + page.databytecounts[-1] == os.path.getsize(path(name + '.tif'))
    with open(path(name + '.tif'), 'ab') as f:
        f.write(data[1:].astype(data.dtype.newbyteorder(byteorder)).tobytes())
    assert np.array_equal(tifffile.imread(path(name + '.tif')), data)  # tifffile agrees on the layout
    if truncate:
        with open(path(name + '.tif'), 'r+b') as f:
            f.truncate(os.path.getsize(path(name + '.tif')) - truncate)


data = random_frames('uint16', (5, 20, 24))
imagej_single_ifd('imagej_contiguous_be', data, '>')
with open(path('imagej_contiguous_be.raw'), 'wb') as f:
    f.write(data.astype('<u2').tobytes())
cases.append(dict(name='imagej_contiguous_be', tif=path('imagej_contiguous_be.tif'), raw=path('imagej_contiguous_be.raw'),
                  dtype='uint16', frames=5, height=20, width=24, bigtiff=False, bigendian=True, compression=1))
data = random_frames('float32', (7, 9, 11))
imagej_single_ifd('imagej_contiguous_le_f4', data, '<', rowsperstrip=4)
with open(path('imagej_contiguous_le_f4.raw'), 'wb') as f:
    f.write(data.astype('<f4').tobytes())
cases.append(dict(name='imagej_contiguous_le_f4', tif=path('imagej_contiguous_le_f4.tif'), raw=path('imagej_contiguous_le_f4.raw'),
                  dtype='float32', frames=7, height=9, width=11, bigtiff=False, bigendian=False, compression=1))

# ScanImage 3 style: state.* lines in every page's description
data = random_frames('int16', (4, 16, 16))
desc = 'state.configPath=\'C:\\\\cfg\'\nstate.acq.numberOfFrames=4\nstate.acq.frameRate=7.8125\nstate.acq.linesPerFrame=16'
with tifffile.TiffWriter(path('scanimage3.tif')) as tw:
    for frame in data:
        tw.write(frame, description=desc, metadata=None, photometric='minisblack')
add_case('scanimage3', data)
# ScanImage 2016 style: BigTIFF, SI.* keys in Software, per-frame description
data = random_frames('int16', (3, 12, 14))
software = "SI.LINE_FORMAT_VERSION = 1\nSI.VERSION_MAJOR = '2016b'\nSI.hChannels.channelSave = 1"
with tifffile.TiffWriter(path('scanimage2016.tif'), bigtiff=True) as tw:
    for i, frame in enumerate(data):
        tw.write(frame, description=f'frameNumbers = {i + 1}\nframeTimestamps_sec = {i * 0.033:.6f}\n',
                 software=software, metadata=None, photometric='minisblack')
add_case('scanimage2016', data)

# LZW written by libtiff itself (through Pillow), independent of the encoder above
try:
    from PIL import Image
    data = random_frames('uint16', (3, 30, 41))
    data[:, :, :20] = (np.arange(30 * 20).reshape(30, 20) % 50).astype('uint16')
    images = [Image.fromarray(f) for f in data]
    images[0].save(path('pillow_lzw.tif'), compression='tiff_lzw', save_all=True, append_images=images[1:])
    add_case('pillow_lzw', data)
except ImportError:
    pass

# more than 32767 pages (LibTiff.NET counts directories in 16 bits)
data = (np.arange(33000 * 2 * 3) % 251).astype('uint8').reshape(33000, 2, 3)
tifffile.imwrite(path('many_pages.tif'), data, metadata=None, photometric='minisblack')
add_case('many_pages', data)


# larger movie for the memory check: 48 frames of 256 x 256 uint16 (6 MiB of pixels), Deflate, 16 rows per strip
data = rng.poisson(20, (48, 256, 256)).astype('uint16') * 3 + 100
tifffile.imwrite(path('large_deflate.tif'), data, compression='zlib', rowsperstrip=16, metadata=None, photometric='minisblack')
add_case('large_deflate', data)
tifffile.imwrite(path('large_none.tif'), data, rowsperstrip=16, metadata=None, photometric='minisblack')
add_case('large_none', data)


# ---- error cases ----
def add_error(name, kind, page):
    errors.append(dict(name=name, tif=path(name + '.tif'), kind=kind, page=page))


def patch_short_tag(name, page_index, tag_name, value):
    with tifffile.TiffFile(path(name + '.tif')) as tif:
        tag = tif.pages[page_index].tags[tag_name]
        offset, byteorder, code = tag.valueoffset, tif.byteorder, 'H' if int(tag.dtype) == 3 else 'I'
    with open(path(name + '.tif'), 'r+b') as f:
        f.seek(offset)
        f.write(struct.pack(byteorder + code, value))


tifffile.imwrite(path('rgb.tif'), random_frames('uint8', (2, 8, 8, 3)), photometric='rgb', metadata=None)
add_error('rgb', 'unsupported', 0)
with tifffile.TiffWriter(path('mixed_sizes.tif')) as tw:
    tw.write(random_frames('uint16', (8, 8)), metadata=None, photometric='minisblack')
    tw.write(random_frames('uint16', (8, 9)), metadata=None, photometric='minisblack')
add_error('mixed_sizes', 'unsupported', 1)
with tifffile.TiffWriter(path('mixed_types.tif')) as tw:
    tw.write(random_frames('uint16', (8, 8)), metadata=None, photometric='minisblack')
    tw.write(random_frames('uint16', (8, 8)), metadata=None, photometric='minisblack')
    tw.write(random_frames('int16', (8, 8)), metadata=None, photometric='minisblack')
add_error('mixed_types', 'unsupported', 2)
tifffile.imwrite(path('bilevel.tif'), rng.integers(0, 2, (2, 8, 16)).astype(bool))
add_error('bilevel', 'unsupported', 0)
tifffile.imwrite(path('palette.tif'), random_frames('uint8', (8, 8)), photometric='palette',
                 colormap=np.zeros((3, 256), 'uint16'), metadata=None)
add_error('palette', 'unsupported', 0)
tifffile.imwrite(path('float16.tif'), rng.normal(0, 10, (2, 8, 8)).astype('float16'), metadata=None,
                 photometric='minisblack')
add_error('float16', 'unsupported', 0)
tifffile.imwrite(path('jpeg_page1.tif'), random_frames('uint8', (3, 8, 8)), metadata=None, photometric='minisblack')
patch_short_tag('jpeg_page1', 1, 'Compression', 7)
add_error('jpeg_page1', 'unsupported', 1)
tifffile.imwrite(path('int_with_float_predictor.tif'), random_frames('int32', (2, 8, 8)), compression='zlib', predictor=True, metadata=None,
                 photometric='minisblack')
patch_short_tag('int_with_float_predictor', 0, 'Predictor', 3)
add_error('int_with_float_predictor', 'unsupported', 0)
with open(path('not_a_tiff.tif'), 'w') as f:
    f.write('This is a plain text file, not an image.\n' * 10)
add_error('not_a_tiff', 'corrupt', None)
open(path('empty.tif'), 'wb').close()
add_error('empty', 'corrupt', None)
with open(path('bad_version.tif'), 'wb') as f:
    f.write(b'II\x63\x00\x08\x00\x00\x00' + bytes(64))
add_error('bad_version', 'corrupt', None)
# LibTiff.NET cannot read big-endian BigTIFF directories: refused with a clear message
tifffile.imwrite(path('bigtiff_be.tif'), random_frames('int16', (3, 21, 17)), bigtiff=True, byteorder='>', rowsperstrip=5,
                 metadata=None, photometric='minisblack')
add_error('bigtiff_be', 'unsupported', None)

tifffile.imwrite(path('whole.tif'), random_frames('uint16', (6, 32, 32)), metadata=None, photometric='minisblack')
with open(path('whole.tif'), 'rb') as f:
    whole = f.read()
with open(path('truncated_half.tif'), 'wb') as f:
    f.write(whole[:len(whole) // 2])
add_error('truncated_half', 'corrupt', -1)  # -1: some page, not checked
# pages written one by one put each IFD before its pixels, so cutting the tail cuts the last strip
with tifffile.TiffWriter(path('pagewise.tif')) as tw:
    for frame in random_frames('uint16', (4, 16, 16)):
        tw.write(frame, metadata=None, photometric='minisblack')
with open(path('pagewise.tif'), 'rb') as f:
    pagewise = f.read()
with open(path('truncated_tail.tif'), 'wb') as f:
    f.write(pagewise[:-10])
add_error('truncated_tail', 'corrupt', 3)
imagej_single_ifd('imagej_contiguous_truncated', random_frames('int16', (4, 8, 8)), '<', truncate=50)
add_error('imagej_contiguous_truncated', 'corrupt', None)
# a damaged ImageLength that would need 40000 strips where the directory lists 3
tifffile.imwrite(path('damaged_length.tif'), random_frames('uint8', (2, 24, 24)), rowsperstrip=8, metadata=None,
                 photometric='minisblack')
patch_short_tag('damaged_length', 1, 'ImageLength', 320000)
add_error('damaged_length', 'corrupt', 1)
# IFD chain that loops: page 2's next-IFD pointer goes back to page 0
with tifffile.TiffFile(path('whole.tif')) as tif:
    first = tif.pages[0].offset
    p2 = tif.pages[2]
    next_at = p2.offset + 2 + 12 * len(p2.tags)
with open(path('ifd_loop.tif'), 'wb') as f:
    f.write(whole[:next_at] + struct.pack('<I', first) + whole[next_at + 4:])
add_error('ifd_loop', 'corrupt', 3)

# real movies: expected frames from tifffile
real = []
if real_dir:
    for tif_path in sorted(glob.glob(os.path.join(real_dir, '*.tif'))):
        name = 'real_' + os.path.splitext(os.path.basename(tif_path))[0]
        arr = tifffile.imread(tif_path)
        with open(path(name + '.raw'), 'wb') as f:
            f.write(np.ascontiguousarray(arr.astype(arr.dtype.newbyteorder('<'))).tobytes())
        with tifffile.TiffFile(tif_path) as tif:
            real.append(dict(name=name, tif=os.path.abspath(tif_path), raw=path(name + '.raw'), dtype=arr.dtype.name,
                             frames=len(tif.pages), height=int(arr.shape[-2]), width=int(arr.shape[-1]),
                             software=tif.pages[0].software or None, description=tif.pages[0].description or None))

print(json.dumps(dict(cases=cases, errors=errors, real=real)))
