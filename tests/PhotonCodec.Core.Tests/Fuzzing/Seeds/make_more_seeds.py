# Writes the Blosc frames of other codecs (numcodecs: lz4, lz4hc, zlib, zstd, as c-blosc 1.x writes them) and the
# small HDF5 files the fuzz targets mutate (run once; the outputs are committed).
# /usr/bin/python3 make_more_seeds.py
import numpy as np, numcodecs, h5py

rng = np.random.default_rng(16)
data = (rng.poisson(3, size=(4, 16, 16)) * 7 + 100).astype('<u2')
for cname in ('lz4', 'lz4hc', 'zlib', 'zstd'):
    for shuffle, sname in ((numcodecs.Blosc.BITSHUFFLE, 'bit'), (numcodecs.Blosc.SHUFFLE, 'byte')):
        b = numcodecs.Blosc(cname=cname, clevel=5, shuffle=shuffle, blocksize=512).encode(data)
        open(f'blosc/{cname}-{sname}.bin', 'wb').write(b)

movie = (rng.poisson(4, size=(3, 8, 10)) + 10).astype('<u2')
with h5py.File('hdf5/contiguous_u16.h5', 'w', libver='earliest') as f:
    f.create_dataset('data', data=movie)
with h5py.File('hdf5/chunked_gzip_u16.h5', 'w', libver='latest') as f:
    f.create_dataset('movie', data=movie, chunks=(1, 8, 10), compression='gzip', shuffle=True)
with h5py.File('hdf5/nwb_like_u8.h5', 'w') as f:
    g = f.create_group('acquisition/TwoPhotonSeries')
    g.create_dataset('data', data=movie.astype('u1'), chunks=(1, 8, 10))
    g.attrs['neurodata_type'] = 'TwoPhotonSeries'
