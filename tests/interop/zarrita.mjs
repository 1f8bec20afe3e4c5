// Reads and writes Zarr v3 arrays with zarrita (an independent reader) for PhotonCodec's interop tests.
//   node zarrita.mjs <node_modules> read  <array> <out.bin>               -> prints {shape, data_type, attributes}, writes the values (LE)
//   node zarrita.mjs <node_modules> write <array> <dtype> <T,H,W> <chunkT> <codec> <in.bin>   codec: gzip | zstd | blosc-lz4
import { pathToFileURL } from "node:url";
import * as fs from "node:fs";
import * as path from "node:path";

const [modules, command, arrayPath, ...rest] = process.argv.slice(2);
// The packages are ESM-only and live outside this script's folder: resolve their "import" export by hand.
const load = (name, entry = ".") => {
  const root = path.join(modules, name);
  const spec = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")).exports[entry];
  return import(pathToFileURL(path.join(root, typeof spec === "string" ? spec : spec.import)).href);
};
const zarr = await load("zarrita");
const { default: FileSystemStore } = await load("@zarrita/storage", "./fs");

const store = new FileSystemStore(arrayPath);
const typed = { uint8: Uint8Array, uint16: Uint16Array, int16: Int16Array, uint32: Uint32Array, int32: Int32Array, float32: Float32Array, float64: Float64Array };

if (command === "read") {
  const arr = await zarr.open.v3(zarr.root(store), { kind: "array" });
  const chunk = await zarr.get(arr, null);
  const bytes = Buffer.from(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
  fs.writeFileSync(rest[0], bytes);
  console.log(JSON.stringify({ shape: arr.shape, data_type: arr.dtype, attributes: arr.attrs }));
} else if (command === "write") {
  const [dtype, shapeText, chunkT, codec, input] = rest;
  const shape = shapeText.split(",").map(Number);
  const codecs = [{ name: "bytes", configuration: { endian: "little" } }];
  if (codec === "gzip") codecs.push({ name: "gzip", configuration: { level: 5 } });
  else if (codec === "zstd") codecs.push({ name: "zstd", configuration: { level: 3, checksum: false } });
  else if (codec === "blosc-lz4") codecs.push({ name: "blosc", configuration: { cname: "lz4", clevel: 5, shuffle: "shuffle", typesize: typed[dtype].BYTES_PER_ELEMENT, blocksize: 0 } });
  const arr = await zarr.create(zarr.root(store), {
    shape, dtype, chunkShape: [Number(chunkT), shape[1], shape[2]], codecs, fillValue: 0, attributes: { writer: "zarrita" },
  });
  const raw = fs.readFileSync(input);
  const data = new typed[dtype](raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
  await zarr.set(arr, null, { data, shape, stride: [shape[1] * shape[2], shape[2], 1] });
  console.log(JSON.stringify({ written: arrayPath }));
} else {
  console.error("usage: zarrita.mjs <node_modules> read|write ...");
  process.exit(2);
}
