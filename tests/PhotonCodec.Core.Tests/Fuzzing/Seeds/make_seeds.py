# Writes the small TIFF seeds the TIFF fuzz target mutates (run once; the .tif files are committed).
# /usr/bin/python3 make_seeds.py
import numpy as np, tifffile
from tifffile import COMPRESSION

rng = np.random.default_rng(16)
def movie(dtype, frames=3, h=12, w=10):
    return rng.integers(0, 200, size=(frames, h, w)).astype(dtype)

tifffile.imwrite('le_u16_strips.tif', movie('uint16'), rowsperstrip=4, photometric='minisblack')
tifffile.imwrite('be_u8.tif', movie('uint8', 2), byteorder='>', photometric='minisblack')
tifffile.imwrite('bigtiff_i16.tif', movie('int16', 2), bigtiff=True, photometric='minisblack')
tifffile.imwrite('deflate_pred_u16.tif', movie('uint16', 2), compression='zlib', predictor=True, photometric='minisblack')
from PIL import Image  # tifffile needs imagecodecs for LZW; Pillow writes it
pages = [Image.fromarray(f) for f in movie('uint8', 2)]
pages[0].save('lzw_u8.tif', compression='tiff_lzw', save_all=True, append_images=pages[1:])
tifffile.imwrite('deflate_tiles_f32.tif', movie('float32', 2, 16, 16), compression='zlib', tile=(16, 16), photometric='minisblack')
pages[0].save('packbits_u8.tif', compression='packbits', save_all=True, append_images=pages[1:])
tifffile.imwrite('imagej_u16.tif', movie('uint16', 3), imagej=True, metadata={'axes': 'TYX'})
