"""Writes the fixtures of the source tests (HDF5, NWB, raw, TIFF sequences, multi-channel stacks, float TIFFs)
into argv[1], each with the frames it must read back as (little-endian C-order .raw per channel), and prints a
JSON manifest. Seeded; small (a few KB each) so the whole set takes well under a second to write."""
import hashlib
import json
import os
import sys

import h5py
import numpy as np
import tifffile

out = sys.argv[1]
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(11)
T, H, W = 24, 16, 12
cases, errors = [], []


def path(name):
    return os.path.join(out, name)


def movie(dtype, t=T, h=H, w=W, zero=100, gain=3, lam=6.0):
    """Photon-limited frames: gain * Poisson(lam) + zero (+ a slow gradient so frames differ)."""
    grad = np.linspace(0.5, 1.5, h * w).reshape(h, w)
    photons = rng.poisson(lam * grad, (t, h, w))
    return (photons * gain + zero).astype(dtype)


def expect(name, file, channels, **extra):
    """channels: list of T×H×W arrays (one per channel, in channel order)."""
    raws = []
    for i, a in enumerate(channels):
        raw = path(f"{name}.c{i}.raw")
        np.ascontiguousarray(a).astype(a.dtype.newbyteorder('<')).tofile(raw)
        raws.append(raw)
    c = dict(name=name, file=file, raws=raws, dtype=str(channels[0].dtype), frames=int(channels[0].shape[0]),
             height=int(channels[0].shape[1]), width=int(channels[0].shape[2]))
    c.update(extra)
    cases.append(c)


def sha256(p):
    with open(p, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


# --- HDF5 -------------------------------------------------------------------------------------------------
m16 = movie('uint16')
with h5py.File(path('contiguous_u16.h5'), 'w') as f:
    f['movie'] = m16
expect('contiguous_u16', path('contiguous_u16.h5'), [m16], dataset='/movie')

i16 = movie('int16', zero=-20)
with h5py.File(path('chunked_i16.h5'), 'w') as f:
    f.create_dataset('imaging/frames', data=i16, chunks=(5, 8, 12), compression='gzip', compression_opts=4, shuffle=True)
    f['imaging/mean_image'] = i16.mean(axis=0)  # 2-D: never a candidate
expect('chunked_i16', path('chunked_i16.h5'), [i16], dataset='/imaging/frames')

c4 = np.stack([movie('uint16'), movie('uint16', lam=12.0)], axis=1)  # T, C, H, W
with h5py.File(path('channels_4d.h5'), 'w') as f:
    f.create_dataset('data', data=c4, chunks=(4, 1, H, W), compression='gzip')
expect('channels_4d', path('channels_4d.h5'), [c4[:, 0], c4[:, 1]], dataset='/data')

with h5py.File(path('userblock.h5'), 'w', userblock_size=1024) as f:
    f['movie'] = m16
expect('userblock', path('userblock.h5'), [m16], dataset='/movie')

with h5py.File(path('big_endian.h5'), 'w') as f:
    f.create_dataset('movie', data=i16.astype('>i2'), chunks=(6, H, W), compression='gzip')
expect('hdf5_big_endian', path('big_endian.h5'), [i16], dataset='/movie')

with h5py.File(path('two_candidates.h5'), 'w') as f:
    f['a'] = m16
    f['b'] = i16
expect('two_candidates_b', path('two_candidates.h5'), [i16], dataset='b')

with h5py.File(path('flat.h5'), 'w') as f:
    f['image'] = m16[0]
errors.append(dict(name='flat', file=path('flat.h5'), kind='UnsupportedHdf5'))

with h5py.File(path('lzf.h5'), 'w') as f:
    f.create_dataset('movie', data=m16, chunks=(6, H, W), compression='lzf')
errors.append(dict(name='lzf', file=path('lzf.h5'), kind='UnsupportedHdf5', mentions='lzf'))

whole = open(path('chunked_i16.h5'), 'rb').read()
with open(path('truncated.h5'), 'wb') as f:
    f.write(whole[: len(whole) * 2 // 3])
errors.append(dict(name='truncated', file=path('truncated.h5'), kind='CorruptHdf5'))

# --- NWB 2.x layout of a TwoPhotonSeries (what pynwb writes, without pynwb) --------------------------------
def nwb(name, series):
    with h5py.File(path(name), 'w') as f:
        f.attrs['nwb_version'] = '2.6.0'
        f.attrs['neurodata_type'] = 'NWBFile'
        f.attrs['namespace'] = 'core'
        plane = f.create_group('general/optophysiology/ImagingPlane')
        plane.attrs['neurodata_type'] = 'ImagingPlane'
        plane['description'] = 'L2/3 of V1, 150 um deep'
        plane['location'] = 'VISp'
        plane['indicator'] = 'GCaMP6f'
        plane['excitation_lambda'] = 920.0
        for where, kind, data in series:
            g = f.create_group(where)
            g.attrs['neurodata_type'] = kind
            g.attrs['description'] = 'test series'
            d = g.create_dataset('data', data=data, chunks=(8, H, W), compression='gzip')
            d.attrs['unit'] = 'n.a.'
            d.attrs['conversion'] = np.float32(1.5)
            d.attrs['offset'] = -2.0
            d.attrs['resolution'] = -1.0
            st = g.create_dataset('starting_time', data=12.25)
            st.attrs['rate'] = np.float32(30.0)
            st.attrs['unit'] = 'seconds'
            g['imaging_plane'] = h5py.SoftLink('/general/optophysiology/ImagingPlane')


nwb('session.nwb', [('acquisition/TwoPhotonSeries', 'TwoPhotonSeries', m16)])
expect('nwb', path('session.nwb'), [m16], series='/acquisition/TwoPhotonSeries')
nwb('two_series.nwb', [('acquisition/TwoPhotonSeries', 'TwoPhotonSeries', m16),
                       ('processing/ophys/MotionCorrected', 'OnePhotonSeries', i16)])
expect('nwb_processing', path('two_series.nwb'), [i16], series='/processing/ophys/MotionCorrected')

# --- raw binaries -----------------------------------------------------------------------------------------
m16.tofile(path('data.bin'))
expect('raw', path('data.bin'), [m16])
i16.astype('>i2').tofile(path('big_endian.raw'))
expect('raw_big_endian', path('big_endian.raw'), [i16])
with open(path('wrong_size.bin'), 'wb') as f:
    f.write(m16.tobytes() + b'\0\0\0')
errors.append(dict(name='wrong_size', file=path('wrong_size.bin'), kind='InvalidSelection', mentions=str(T * H * W * 2 + 3)))

# --- TIFF sequences ----------------------------------------------------------------------------------------
seq = path('sequence')
os.makedirs(seq, exist_ok=True)
seq_frames = movie('uint16', t=12)
for i in range(12):  # written out of order: the reader must sort naturally (frame_2 before frame_10)
    tifffile.imwrite(os.path.join(seq, f'frame_{(i * 7) % 12}.tif'), seq_frames[(i * 7) % 12])
files = [os.path.join(seq, f'frame_{i}.tif') for i in range(12)]
expect('sequence', seq, [seq_frames], files=files, sha256=[sha256(p) for p in files])

odd = path('sequence_odd')
os.makedirs(odd, exist_ok=True)
for i in range(6):
    tifffile.imwrite(os.path.join(odd, f'img{i:03d}.tif'), seq_frames[i] if i != 4 else seq_frames[i, :8])
errors.append(dict(name='sequence_odd', file=odd, kind='UnsupportedTiff', mentions='img004.tif'))

# --- multi-channel / multi-plane TIFF stacks --------------------------------------------------------------
# The second channel is brighter, not offset: the round-trip tests declare one detector (gain 3, zero 100) for both.
ch = [movie('uint16'), movie('uint16', lam=12.0)]
tifffile.imwrite(path('hyperstack_2c.tif'), np.stack(ch, axis=1), imagej=True, metadata={'axes': 'TCYX'})
expect('imagej_2c', path('hyperstack_2c.tif'), ch, origin='ImageJ hyperstack')

tzc = movie('uint16', t=8 * 3 * 2).reshape(8, 3, 2, H, W)  # T Z C Y X
tifffile.imwrite(path('hyperstack_3z2c.tif'), tzc, imagej=True, metadata={'axes': 'TZCYX'})
expect('imagej_3z2c_plane1', path('hyperstack_3z2c.tif'), [tzc[:, 1, 0], tzc[:, 1, 1]], plane=1)

ome = movie('uint16', t=10 * 2).reshape(2, 10, H, W)  # C T Y X, i.e. DimensionOrder XYTCZ (T fastest)
tifffile.imwrite(path('two_channel.ome.tif'), ome, metadata={'axes': 'CTYX'})
expect('ome_ctyx', path('two_channel.ome.tif'), [ome[0], ome[1]])

si = movie('int16', t=20)
desc = 'frameNumbers = 1\nframeTimestamps_sec = 0.0\n'
software = 'SI.hChannels.channelSave = [1;2]\nSI.hStackManager.numSlices = 1\nSI.VERSION_MAJOR = 2019\n'
with tifffile.TiffWriter(path('scanimage_2c.tif')) as tw:
    for page in si:
        tw.write(page, description=desc, software=software, contiguous=False, metadata=None)
expect('scanimage_2c', path('scanimage_2c.tif'), [si[0::2], si[1::2]])

bad = movie('uint16', t=9)
with tifffile.TiffWriter(path('imagej_bad_header.tif')) as tw:
    for page in bad:
        tw.write(page, description='ImageJ=1.53t\nimages=9\nchannels=2\nframes=5\nhyperstack=true\n', contiguous=False, metadata=None)
errors.append(dict(name='imagej_bad_header', file=path('imagej_bad_header.tif'), kind='UnsupportedTiff', mentions='channels=2 slices=1 frames=5'))

# --- float TIFFs (Lossless stores them exactly) -----------------------------------------------------------
f32 = (movie('float32') + np.float32(0.125)).astype('float32')
tifffile.imwrite(path('float32.tif'), f32)
expect('float32', path('float32.tif'), [f32])
f64 = movie('float64') / 7.0
tifffile.imwrite(path('float64.tif'), f64)
expect('float64', path('float64.tif'), [f64])

with open(path('archive.zip'), 'wb') as f:
    f.write(b'PK\x03\x04' + bytes(60))
errors.append(dict(name='zip', file=path('archive.zip'), kind='UnsupportedFormat', mentions='50 4B 03 04'))

json.dump(dict(cases=cases, errors=errors), sys.stdout)
