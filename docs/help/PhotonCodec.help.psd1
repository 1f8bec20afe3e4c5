# Source of the cmdlets' MAML help (tools/New-PhotonHelp.ps1 turns it into en-US/PhotonCodec.dll-Help.xml at build).
# Parameter types, positions and pipeline input come from the cmdlets themselves; the build fails when a
# parameter has no description here or a cmdlet has fewer than two examples.
@{
    CommonParameters = @{
        Path              = 'Files to read. Wildcards are expanded through the PowerShell provider; relative paths resolve against the current location ($PWD). A pattern that matches nothing is reported as a PhotonCodec.InputNotFound error and the other inputs are still processed.'
        LiteralPath       = 'Files to read, taken exactly as written (no wildcard expansion; use it for names with [ or ]). Binds from the PSPath property, so Get-ChildItem output can be piped in.'
        Mode              = 'Quantized (default): noise-bounded integer codes of the signal stabilized with the detector''s noise model (see -Transform), lossy below the photon noise. Lossless: the integers as they are, bit-exact. Float: the stabilized values themselves as float32 (or float64), exactly invertible but larger than Lossless on real data.'
        Beta              = 'Quantization step in units of the stabilized photon noise σ (0.05–2, default 0.5). Every pixel stays within β·σ of its original; the added error has RMS ≈ β/√12·σ (0.14σ at 0.5, i.e. about +1 % total noise).'
        Gain              = "The detector's conversion gain in levels per photon (0.1–10000). Quantized and Float modes measure it from the movie (see Measure-PhotonTransfer) when it is not given."
        ZeroLevel         = 'The level a pixel reads with no light (offset, may be negative for signed data). Measured from the movie when not given.'
        ReadNoise         = 'Read-noise standard deviation in levels (≥ 0). Measured from the movie when not given.'
        Transform         = "Quantized mode's stabilizing transform. NoiseModel (default): each step is β times the detector's own noise σ = √(gain·(level − zero) + readNoise²) at its level (the read noise below the zero level), never less than one level, so dark pixels are quantized within their read noise. Anscombe: the reference photon codec's generalized Anscombe 2·√(p + 3/8 + r), whose steps near zero photons are gain·√(3/8) levels however small the read noise (coarser, slightly higher ratios). Float mode always stores the generalized Anscombe values. Recorded in .zattrs as photon.transform."
        ChunkFrames       = 'Frames per Zarr chunk (default min(100, number of frames)). Smaller chunks make single-frame reads cheaper and compress slightly worse.'
        CompressionLevel  = 'Blosc clevel 1–9 (default 5; zstd level 2·clevel − 1, as c-blosc maps it).'
        Profile           = 'Default (the layout every Zarr reader knows: codes or integers under Blosc zstd bitshuffle) or Max (Quantized and Lossless modes): per chunk, the temporal prediction photoncodec.predict (none, the per-pixel mean of the chunk, or the previous frame, whichever compresses smallest; residuals zig-zag mapped) and the Blosc shuffle and zstd level (up to 19) chosen by trial. The same codes or integers are stored, so the decoded levels are bit-identical to the default profile''s. Readers need the codec: every cmdlet here, or zarr-python with the python/photoncodec package imported (README "The Max profile"). Measure-PhotonCompression measures the Quantized and Lossless rows so (Mode Quantized Max, Lossless Max); Float and the Baseline row stay Default. With ZarrV3 the inner chunk is the whole shard unless -InnerChunkFrames says otherwise.'
        Dataset           = 'HDF5/NWB only: the dataset (e.g. /data or imaging/movie, with or without the leading /) or NWB imaging series (e.g. /acquisition/TwoPhotonSeries, or just TwoPhotonSeries) to read. Default: the NWB file''s only TwoPhotonSeries/OnePhotonSeries, else the only dataset of 3 or more dimensions (integer preferred); when there are several, a PhotonCodec.InvalidSelection error lists them. Example: -Dataset /acquisition/TwoPhotonSeries.'
        Channel           = 'The channel (0-based) of a multi-channel stack to read: an ImageJ hyperstack (channels=), a ScanImage file (channelSave), an OME-TIFF (SizeC) or a 4-D HDF5 dataset (frames, channels, height, width). Without it every channel is its own movie (ConvertTo-PhotonZarr writes a Zarr group with arrays c0, c1 …); an index the file does not have is a PhotonCodec.InvalidSelection error. Example: -Channel 1.'
        Plane             = 'The plane (z-slice / position, 0-based) of a multi-plane stack (ImageJ slices= with frames=, ScanImage numSlices, OME-TIFF SizeZ). Required when a stack has several planes over time: planes are never merged into one movie. Example: -Plane 2.'
        AsSequence        = 'Reads all inputs as ONE movie of single-page (or few-page) TIFFs: a folder (its *.tif/*.tiff), a wildcard or files piped in, in natural order (frame_2 before frame_10). All pages must share one size and dtype, else PhotonCodec.UnsupportedTiff names the first file that differs. The provenance lists every file with its SHA-256. Example: -Path ./scope/run1 -AsSequence.'
        RawShape          = 'Reads the file as a headerless raw binary of T,H,W pixels in C order (e.g. suite2p data.bin). Give H,W alone and T is the file size divided by the frame size; a size that does not divide (or does not match T) is a PhotonCodec.InvalidSelection error with the numbers. Needs -RawDType. Example: -RawShape 512,512 -RawDType int16.'
        RawDType          = 'Element type of a raw binary: uint8, int8, uint16, int16, uint32, int32, uint64, int64, float32 or float64 (numpy names). Example: -RawDType uint16.'
        RawByteOrder      = 'Byte order of a raw binary: LittleEndian (default; what suite2p and x86 programs write) or BigEndian. Example: -RawByteOrder BigEndian.'
    }
    # Defaults said in words where the cmdlet's own default value (0, null) would not tell a user what happens.
    CommonDefaults = @{
        Gain        = 'measured from the movie'
        ZeroLevel   = 'measured from the movie'
        ReadNoise   = 'measured from the movie'
        ChunkFrames = 'min(100, number of frames)'
    }
    Commands = @{
        'ConvertTo-PhotonZarr' = @{
            Synopsis    = 'Archives movies (TIFF/BigTIFF, HDF5/NWB, TIFF sequences, raw binaries) as compressed Zarr v2 (or, with -Format ZarrV3, sharded Zarr v3) arrays (Quantized, Lossless or Float).'
            Description = @(
                'Reads each multi-page TIFF (or BigTIFF) frame by frame and writes a Zarr v2 array that zarr-python opens as it is: chunks of min(100, T) whole frames, Blosc zstd clevel 5 with bitshuffle, transform parameters and the source''s provenance (file name, size, SHA-256, ImageDescription) in .zattrs.'
                'The array is built in a hidden staging folder beside the destination and moved into place only when complete: a failure, an error in one file of a batch, or Ctrl+C leaves nothing half-written. An existing destination is never overwritten without -Force, and with -Force it is replaced only once the new array is complete.'
                'Every input is planned before any work (its destination, collisions between inputs, -WhatIf/-Confirm); then up to -ThrottleLimit files are converted at once. Each input produces one PhotonCodec.ConversionResult (Status Converted or Skipped), written in input order as soon as it and the inputs before it are done; a failed input produces an error record with a stable FullyQualifiedErrorId (PhotonCodec.InputNotFound, PhotonCodec.UnsupportedTiff, PhotonCodec.CorruptTiff, PhotonCodec.UnsupportedFormat, PhotonCodec.UnsupportedHdf5, PhotonCodec.CorruptHdf5, PhotonCodec.InvalidSelection, PhotonCodec.UnsupportedInput, PhotonCodec.DestinationExists, PhotonCodec.DestinationNotFolder, PhotonCodec.DestinationLocked, PhotonCodec.DestinationNotZarr, PhotonCodec.DestinationCollision, PhotonCodec.SourceChanged, PhotonCodec.ArchiveNotVerified, PhotonCodec.NotPhotonData, PhotonCodec.CodeRangeExceeded, PhotonCodec.InvalidParameter, PhotonCodec.WriteFailed; see Get-Help about_PhotonCodec) and the batch goes on. Options that do not apply to the mode (-FloatType outside Float, -Gain/-ZeroLevel/-ReadNoise/-Beta in Lossless) are ignored with a warning.'
                'Inputs are recognized by their first bytes: TIFF/BigTIFF, HDF5 and NWB (-Dataset), raw binaries (-RawShape, -RawDType, -RawByteOrder) and, with -AsSequence, a folder or list of single-page TIFFs as one movie. A multi-channel stack (ImageJ, ScanImage, OME-TIFF, 4-D HDF5) is never flattened: -Channel/-Plane choose one, otherwise each channel is written as its own array c0, c1 … of one Zarr group (one result per channel). Float pixels are stored exactly in Lossless mode.'
            )
            Parameters  = @{
                DestinationPath = 'Where to write: a path ending in .zarr is the array itself (one input); any other path is a folder that receives <basename>.zarr for each input (created if missing). Default: <basename>.zarr next to each source.'
                Format          = 'ZarrV2 (default, the reference codec''s layout: .zarray + one Blosc file per chunk) or ZarrV3: zarr.json with sharding_indexed, one shard file per -ChunkFrames frames holding inner chunks of -InnerChunkFrames frames (bytes little-endian + Blosc zstd bitshuffle), the shard index checked by crc32c. Every cmdlet reads both.'
                Layout          = 'Array (default): the .zarr folder is the array. OmeZarr: an OME-Zarr image group with the array at 0 and multiscales metadata (NGFF 0.4 over ZarrV2, NGFF 0.5 over ZarrV3; axes t, y, x); every cmdlet opens such a group as its array. The scale comes from -PixelSize/-FrameInterval, else from the TIFF (ImageJ unit/finterval and resolution, OME-XML PhysicalSizeX/TimeIncrement, ScanImage frame rate, resolution in cm); the array''s photon.scale_source says which.'
                PixelSize       = 'OmeZarr only: pixel size in micrometers (the y and x scale); wins over the source''s own. Without it, and when the source does not say (ImageJ unit and resolution, OME-XML PhysicalSizeX, TIFF resolution in cm), the scale is 1 with no unit, and a warning says so.'
                FrameInterval   = 'OmeZarr only: seconds between frames (the t scale); wins over the source''s own. Without it, and when the source does not say (ImageJ finterval, OME-XML TimeIncrement, ScanImage volume or frame rate), the scale is 1 with no unit, and a warning says so.'
                InnerChunkFrames = 'ZarrV3 only: frames per inner chunk of a shard (default 1), the smallest piece a read decodes; it must divide the frames per shard.'
                FloatType       = 'Float mode only: Single (float32, default) or Double (float64) for the stored stabilized values.'
                DecodeFilter    = 'Quantized mode only: also write the decode table as the photoncodec.decode_lut filter (.zarray filters; the first codec of zarr.json), so zarr-python with the python/photoncodec package imported returns levels directly. The chunks still hold codes and the table stays in the photon attributes; readers without the package (zarrita, plain zarr-python) then refuse the unknown filter, so leave it off for archives meant for any reader.'
                ThrottleLimit   = 'Files converted at once (default: one per processor, at least 2). The processors are shared among the files running: each compresses its chunks on processors ÷ min(ThrottleLimit, files) threads (at least one), so a single file still uses every core. Memory use is about one chunk per thread. Outputs and errors come in input order whatever finishes first; Ctrl+C stops every file and leaves nothing half-written.'
                SourceRoot      = 'The top of the input tree. Each input''s folder below it is mirrored below -DestinationPath (a folder): /raw/a/b/run.tif with -SourceRoot /raw -DestinationPath /archive goes to /archive/a/b/run.zarr. An input outside it is a PhotonCodec.InvalidParameter error. Without it a folder -DestinationPath receives every input flat, and same-named inputs from different folders are reported as PhotonCodec.DestinationCollision before any work.'
                SkipExisting    = 'Skips an input whose destination already holds an archive of this very source: the archive''s recorded source size and SHA-256 match (the size is compared first, so a changed size costs no hashing) and its fixity verifies (every chunk and metadata document against its recorded checksum, without decoding). A skipped input outputs its result with Status Skipped and a verbose line. Any other existing archive is converted again with -Force, else reported: PhotonCodec.SourceChanged (it records another source, or none) or PhotonCodec.ArchiveNotVerified (it fails its fixity check). Stale staging folders of killed runs are removed either way, so rerunning the same command resumes an interrupted batch.'
                ReportPath      = 'A CSV file that receives one row per input as it ends (Time, Source, Destination, Status Converted/Skipped/Failed, InputBytes, StoredBytes, Ratio, Seconds, ErrorId, Message), flushed each time, so Ctrl+C or a kill loses nothing done; a rerun appends (the header is written to a new file only). Not written under -WhatIf.'
                Force           = 'Replace an existing destination, only when it is a Zarr array or group (.zarray, .zgroup or zarr.json; anything else is PhotonCodec.DestinationNotZarr) and only once the new array is complete.'
                WhatIf          = 'Shows what would be converted and where, without writing anything.'
                Confirm         = 'Asks before converting each file.'
            }
            Defaults    = @{ DestinationPath = '<name>.zarr beside each source'; ThrottleLimit = 'one per processor, at least 2' }
            Outputs     = @{ 'PhotonCodec.ConversionResult' = 'Source, Destination, Mode, Frames, Height, Width, DType, InputBytes, StoredBytes (the whole .zarr folder), Ratio, Gain, ZeroLevel, ReadNoise, Beta, ParameterSource, Seconds, EstimationSeconds (the part spent measuring the photon parameters), MBPerSecond.' }
            Examples    = @(
                @{ Code = "ConvertTo-PhotonZarr -Path ./run1.tif -Gain 30 -ZeroLevel 200 -ReadNoise 8"; Remarks = 'Writes run1.zarr next to run1.tif in the default Quantized mode with the detector''s photon parameters.' }
                @{ Code = "ConvertTo-PhotonZarr -Path ./run1.tif -Profile Max -Gain 30 -ZeroLevel 200 -ReadNoise 8 -DestinationPath ./run1-max.zarr"; Remarks = 'The same codes, predicted in time and coded adaptively per chunk: a smaller archive that decodes to the same levels (zarr-python reads it with the python/photoncodec package imported).' }
                @{ Code = "Get-ChildItem ./raw -Recurse -Filter *.tif | ConvertTo-PhotonZarr -Mode Lossless -DestinationPath ./archive"; Remarks = 'Archives every TIFF below ./raw bit-exactly into ./archive/<name>.zarr; files that fail are reported and the rest go on.' }
                @{ Code = "ConvertTo-PhotonZarr -Path 'session*.tif' -Mode Lossless -DestinationPath out -WhatIf"; Remarks = 'Lists what would be written without writing anything.' }
                @{ Code = "ConvertTo-PhotonZarr -Path ./nwb/session.nwb -Dataset /acquisition/TwoPhotonSeries -Mode Lossless"; Remarks = 'Archives one imaging series of an NWB file; its rate, starting_time, unit, conversion, offset and imaging plane description go into .zattrs under source.nwb.' }
                @{ Code = "ConvertTo-PhotonZarr -Path ./suite2p/plane0/data.bin -RawShape 512,512 -RawDType int16 -Mode Lossless"; Remarks = 'Reads suite2p''s raw data.bin (frames derived from the file size) and archives it bit-exactly.' }
                @{ Code = "ConvertTo-PhotonZarr -Path ./bruker/TSeries-001 -AsSequence -Mode Lossless -DestinationPath ./archive"; Remarks = 'Reads the folder''s one-TIFF-per-frame files (natural order) as one movie and writes ./archive/TSeries-001.zarr.' }
                @{ Code = "ConvertTo-PhotonZarr -Path ./imagej/two-channel-hyperstack.tif -Mode Lossless"; Remarks = 'A 2-channel ImageJ hyperstack becomes the Zarr group two-channel-hyperstack.zarr with arrays c0 and c1 (one result each); add -Channel 1 to archive the second channel alone.' }
                @{ Code = "ConvertTo-PhotonZarr -Path ./imagej/zstack-movie.tif -Plane 1 -Channel 0 -Mode Lossless"; Remarks = 'Archives plane 1 of channel 0 of a multi-plane hyperstack (ImageJ slices=, ScanImage numSlices or OME-TIFF SizeZ alike).' }
                @{ Code = "Get-ChildItem ./raw -Recurse -Filter *.tif | ConvertTo-PhotonZarr -SourceRoot ./raw -DestinationPath ./archive -SkipExisting -ReportPath ./archive/report.csv -Gain 30 -ZeroLevel 200 -ReadNoise 8"; Remarks = 'Mirrors the tree: ./raw/day1/run2.tif becomes ./archive/day1/run2.zarr. Archives of the same source that verify are skipped (Status Skipped), and every file appends a row to report.csv as it ends. After a crash or Ctrl+C, run the same line again to resume.' }
                @{ Code = "Get-ChildItem ./session*.tif | ConvertTo-PhotonZarr -Mode Lossless -DestinationPath ./out -ThrottleLimit 2"; Remarks = 'Converts two files at once, each on half the processors; results and errors still come in input order.' }
                @{ Code = "ConvertTo-PhotonZarr -Path ./run1.tif -Format ZarrV3 -ChunkFrames 500 -Gain 30 -ZeroLevel 200 -ReadNoise 8"; Remarks = 'Writes a Zarr v3 array of 500-frame shards with one inner chunk per frame: few files, and a single frame still reads only the shard index and that frame.' }
            )
        }
        'Get-PhotonFrame' = @{
            Synopsis    = 'Reads frames of a .zarr archive as objects with statistics and pixels.'
            Description = @(
                'Opens a PhotonCodec archive (any mode, decoded back to the original dtype through the parameters in .zattrs) or any 3-D Zarr v2 or v3 array (detected from the folder; Blosc zstd/lz4/lz4hc/zlib, zlib, gzip, zstd or none; v3 sharded or not), and emits one PhotonCodec.Frame per requested frame: Index, Height, Width, DType, Min, Max, Mean, Pixels (flat row-major array of the dtype) and a ToArray() method that returns a 2-D [row, column] array.'
                'Only the chunks (in a sharded v3 archive, the shard index and the inner chunks) that hold the requested frames are read, and an ascending run of frames decodes each chunk once; -Verbose reports how many chunk reads a call made.'
            )
            Parameters  = @{
                Path        = 'The .zarr folders to read. Wildcards are expanded; relative paths resolve against $PWD.'
                LiteralPath = 'The .zarr folders to read, taken exactly as written. Binds from PSPath.'
                Index       = 'Frame indices to return, in order; ranges such as 100..199 work and negative indices count from the end (-1 is the last frame). Indices outside the movie are reported as one PhotonCodec.FrameOutOfRange error that names them all (e.g. frames 500..5000 are outside 0..499); a frame whose chunk is damaged is a PhotonCodec.CorruptChunk error of its own and the other frames are still returned.'
                First       = 'Return only this many frames (after -Skip), like Select-Object -First.'
                Skip        = 'Skip this many frames of the selection first.'
                Raw         = 'Return the stored values (uint8/uint16 codes in Quantized mode, float values in Float mode) instead of decoded levels.'
                SkipChecksum = 'Do not check each chunk read against the CRC-32C its archive recorded when it was written (PhotonCodec.CorruptChunk otherwise names the file and its frames). Use it to read what remains of a damaged archive; a missing chunk is still a PhotonCodec.MissingChunk error, never zeros.'
            }
            Defaults    = @{ Index = 'all frames'; First = 'all' }
            Outputs     = @{ 'PhotonCodec.Frame' = 'Index, Height, Width, DType, Min, Max, Mean, Path, Mode (of the archive), Raw, Pixels; ToArray() gives [row, column].' }
            Examples    = @(
                @{ Code = 'Get-PhotonFrame -Path ./run1.zarr -Index 0, -1'; Remarks = 'The first and the last frame with their statistics.' }
                @{ Code = '(Get-PhotonFrame -Path ./run1.zarr -Index 250).ToArray()[10, 20]'; Remarks = 'The pixel at row 10, column 20 of frame 250.' }
                @{ Code = 'Get-PhotonFrame -Path ./run1.zarr -Index (100..199) | Measure-Object Mean -Average'; Remarks = 'Mean intensity over frames 100 to 199 (reads two chunks at most).' }
            )
        }
        'Measure-PhotonCompression' = @{
            Synopsis    = 'Shows what each mode would store for a TIFF (in memory), or how a .zarr is stored.'
            Description = @(
                'On a TIFF: compresses it in memory in each mode (nothing is written) and emits one PhotonCodec.CompressionReport per mode: stored size and ratio, bits per pixel, the order-0 entropy of the stored values (the bound a per-pixel coder cannot beat), and the error after decoding (max and RMS in units of the photon noise σ; 0 for the exact modes).'
                'On a .zarr: one PhotonCodec.ArchiveSummary, or with -PerChunk one PhotonCodec.ChunkStatistics per chunk file (each chunk''s Blosc header is checked).'
            )
            Parameters  = @{
                Mode     = 'Modes to measure on a TIFF: Quantized, Lossless, Float (default: all three).'
                Baseline = 'Adds a Baseline row: the raw integers under the same Blosc settings, as a plain zarr-python save would store them, and, on every other row, GainOverBaseline: how many times smaller than the baseline that mode stores.'
                PerChunk = 'On a .zarr: one object per chunk file instead of a summary. Every chunk is listed; one whose Blosc header is bad or whose file is truncated has the reason in Problem (and a warning).'
            }
            Defaults    = @{ Mode = 'Quantized, Lossless, Float' }
            Outputs     = @{ 'PhotonCodec.CompressionReport' = 'One per mode on a TIFF.'; 'PhotonCodec.ArchiveSummary' = 'A .zarr as a whole.'; 'PhotonCodec.ChunkStatistics' = 'A chunk file, with -PerChunk.' }
            Examples    = @(
                @{ Code = 'Measure-PhotonCompression -Path ./run1.tif -Baseline -Gain 30 -ZeroLevel 200 -ReadNoise 8'; Remarks = 'How much the photon codec buys over raw integers, per mode, and what it costs in error.' }
                @{ Code = 'Measure-PhotonCompression -Path ./run1.zarr -PerChunk | Sort-Object Ratio | Select-Object -First 3'; Remarks = 'The three chunks that compress worst.' }
            )
        }
        'Measure-PhotonTransfer' = @{
            Synopsis    = "Measures the detector's gain, zero level and read noise from a movie's frame-to-frame noise."
            Description = @(
                'Runs of consecutive frames (at most about -MaxPairs frame pairs, spread over the movie) give, per intensity bin, the mean level and the variance of their second differences (a − 2b + c, which cancels a signal that changes steadily), on the pixels whose signal stays constant; a robust weighted fit of variance = gain·(level − zero level) + read noise² gives the gain, and the population of zero-photon pixels separates the zero level from the read noise. Memory does not grow with the movie''s length.'
                'Emits a PhotonCodec.PhotonTransfer: Gain (levels per photon), ZeroLevel, ReadNoise (levels), GainStdError, FitR2, LevelsUsed, FramesUsed, Method and Warnings (for example when no dark pixels exist, or the fit is poor because the scene changes between frames). Data without photon structure (constant frames, a single frame) give a PhotonCodec.NotPhotonData error rather than a confident wrong number.'
                'ConvertTo-PhotonZarr runs the same estimate when -Gain, -ZeroLevel or -ReadNoise are not given.'
                'The gain is the slope of variance against mean level. With a PMT or HyD, whose pulse heights vary, that slope is the gain that stabilizes the variance, G·(1 + CV²) for mean pulse height G and pulse-height CV, not G itself: it is the figure quantization needs. Clipped samples (at 0, at the dtype limits or at a level where values pile up) are left out one by one; the zero level and read noise come from the peak of samples that caught no photon (its uncut side when clipping cut the other). The gain is fitted on each half of the movie too (GainHalves); when they differ by more than their errors and 10 %, a warning says the estimate is unstable and the smaller gain is used. The gain comes from pixels whose signal stays constant; in a small field crowded with active cells too few pass the full test, so it is relaxed in steps (the method names the step), and a warning says the gain may be off by up to ~25 %: give -Gain when it matters.'
            )
            Parameters  = @{
                Path        = 'TIFF movies, or .zarr archives written in Lossless mode. Wildcards are expanded; relative paths resolve against $PWD.'
                LiteralPath = 'TIFF movies or Lossless .zarr archives, taken exactly as written. Binds from PSPath.'
                InputObject = 'Frames from Get-PhotonFrame, in order (all of one size and dtype); the estimate is made when the pipeline ends. Frames of a Quantized or Float archive are refused (PhotonCodec.UnsupportedInput), as the archive is by path: their noise is no longer the detector''s.'
                MaxPairs    = 'Frame pairs sampled, spread evenly over the movie (default 200).'
                PlotPath    = 'Writes the photon-transfer curve (variance against mean level per bin, the fitted line and the zero-photon peak) as an SVG file; a folder (an existing one, or any path not ending in .svg) receives <name>.photon-transfer.svg per input and is created when missing. One .svg file serves one input: several inputs on the command line are refused before any work, and a later piped input gets its estimate with an error instead of overwriting the file. A curve that cannot be written is an error of its own; the estimate is still returned.'
            }
            Outputs     = @{ 'PhotonCodec.PhotonTransfer' = 'Path, Gain, ZeroLevel, ReadNoise, GainStdError, FitR2, LevelsUsed, FramesUsed, Method, Warnings, PlotPath.' }
            Examples    = @(
                @{ Code = 'Measure-PhotonTransfer -Path ./run1.tif -PlotPath ./run1-ptc.svg'; Remarks = 'Gain, zero level and read noise of the detector that recorded run1, with the curve to look at in a browser.' }
                @{ Code = 'Get-PhotonFrame -Path ./run1.zarr -First 200 | Measure-PhotonTransfer'; Remarks = 'The same from the first 200 frames of a Lossless archive, through the pipeline.' }
                @{ Code = 'Get-ChildItem ./raw -Filter *.tif | Measure-PhotonTransfer | Sort-Object Gain | Format-Table'; Remarks = 'Compares the detectors of a whole folder of movies.' }
                @{ Code = "Get-ChildItem session*.tif | Measure-PhotonTransfer -AsSequence"; Remarks = 'Measures the detector from several TIFF files read as one movie (natural order: session2 before session10).' }
            )
        }
        'Export-PhotonTiff' = @{
            Synopsis    = 'Writes .zarr archives back as multi-page TIFF (or BigTIFF), for tools that read only TIFF.'
            Description = @(
                'Reads each archive a chunk of frames at a time and writes one page per frame in the original dtype: a Lossless archive gives back pixels bit-identical to its source, a Quantized or Float archive its decoded levels (within the bounds Test-PhotonRoundTrip checks), and with -Raw the stored values (codes) as they are. Memory stays at about one chunk.'
                'The source''s ImageDescription (ScanImage or ImageJ header), as ConvertTo-PhotonZarr recorded it in .zattrs (source.image_description, taken from the first page), is written on the first page; an ImageJ header''s images/channels/frames counts are made to match the pages written. -Raw writes no description, since the header describes levels, not codes.'
                'A Zarr group of channels (.zgroup with arrays c0/, c1/, …) gives one TIFF per channel (<name>_c0.tif, <name>_c1.tif, …), or with -Hyperstack one ImageJ hyperstack (images=C·T channels=C frames=T hyperstack=true, pages in ImageJ''s order t0c0, t0c1, t1c0 …) that ImageJ/Fiji and tifffile open as T×C×Y×X.'
                'Each file is written under a hidden temporary name beside its destination and renamed into place when complete (for a group, only when every channel is complete): a failure or Ctrl+C leaves nothing. The file is BigTIFF when its uncompressed size could pass 4 GiB, or always with -BigTiff. Each output file produces a PhotonCodec.ExportResult; a failed input produces an error record with a stable FullyQualifiedErrorId (PhotonCodec.InputNotFound, PhotonCodec.UnsupportedZarr, PhotonCodec.CorruptChunk, PhotonCodec.DestinationExists, PhotonCodec.UnsupportedInput) and the batch goes on.'
            )
            Parameters  = @{
                Path            = 'The .zarr archives (or channel groups) to export. Wildcards are expanded; relative paths resolve against $PWD.'
                LiteralPath     = 'The .zarr archives to export, taken exactly as written (use it for names with [ or ]). Binds from PSPath (Get-ChildItem) and from the Destination property of ConvertTo-PhotonZarr''s results.'
                DestinationPath = 'Where to write: a path ending in .tif or .tiff is the file itself (one input; a channel group adds _c0, _c1 … before the extension); any other path is a folder that receives <basename>.tif for each input (created if missing). Default: <basename>.tif next to each archive.'
                Compression     = 'None (default: what every reader opens), Deflate or LZW (both with horizontal differencing for integer pixels), or Zstd (TIFF compression 50000 as libtiff writes it; LibTiff.NET has no Zstd codec, so the strips are compressed with ZstdSharp and written raw; readers need libtiff built with zstd, or tifffile with imagecodecs).'
                BigTiff         = 'Always write BigTIFF (64-bit offsets). Without it, BigTIFF is chosen when the file could pass 4 GiB.'
                Raw             = 'Write the stored values (uint8/uint16 codes in Quantized mode, the stabilized floats in Float mode) instead of the decoded levels, without the source''s description.'
                Hyperstack      = 'For a channel group: one ImageJ hyperstack instead of one file per channel. The channels must share frames, size and dtype. Ignored (with a verbose message) for a single array.'
                Force           = 'Replace an existing destination file (only once the new file is complete).'
                WhatIf          = 'Shows what would be exported and where, without writing anything.'
                Confirm         = 'Asks before exporting each archive.'
            }
            Outputs     = @{ 'PhotonCodec.ExportResult' = 'Source, Destination, Frames, Channels, Height, Width, DType, Compression, BigTiff, Raw, DescriptionRestored, Bytes, Seconds.' }
            Examples    = @(
                @{ Code = 'Export-PhotonTiff -Path ./run1.zarr -DestinationPath ./restored/run1.tif'; Remarks = 'Writes the archive back as an uncompressed multi-page TIFF in its original dtype, with the source''s ImageDescription.' }
                @{ Code = 'Get-ChildItem . -Filter *.zarr -Directory | Export-PhotonTiff -DestinationPath ./restored -Compression Deflate'; Remarks = 'Restores every archive of the current folder to Deflate-compressed TIFFs in ./restored; archives that fail are reported and the rest go on.' }
                @{ Code = 'ConvertTo-PhotonZarr -Path ./imagej/two-channel-hyperstack.tif -Mode Lossless -DestinationPath ./twochannel.zarr; Export-PhotonTiff -Path ./twochannel.zarr -Hyperstack'; Remarks = 'A channel group (c0/, c1/) as one ImageJ hyperstack ./twochannel.tif that Fiji opens with its channels (without -Hyperstack: twochannel_c0.tif and twochannel_c1.tif).' }
                @{ Code = 'ConvertTo-PhotonZarr -Path ./run1.tif -Mode Lossless -DestinationPath ./fresh.zarr | Export-PhotonTiff -DestinationPath ./check.tif -WhatIf'; Remarks = 'Shows where the fresh archive would be exported, without writing.' }
            )
        }
        'Test-PhotonRoundTrip' = @{
            Synopsis    = 'Checks that an archive decodes to its source within the documented bounds ($true/$false).'
            Description = @(
                'Compares the source TIFF with the archive decoded (or, without -ZarrPath, with the source converted in memory in -Mode) and returns $true when Lossless and Float modes are exact and Quantized mode stays within its bounds: every pixel within β·σ of its original in the variance-stabilized domain, RMS error ≤ β/√12 + 0.04 σ and |mean error| ≤ 0.05 σ, and in every tenth of the pixels ranked by temporal mean an RMS added error ≤ 0.25 and |bias| ≤ 0.05 of the declared noise σ (the parameters'' noise model) and RMS ≤ 0.3 and |bias| ≤ 0.05 of the measured temporal noise (RMS of (x[t+1] − x[t])/√2 per pixel), whatever parameters were declared (each widened by the rounding of decoded values to whole levels, and in proportion to β above 0.5).'
                'With -Detailed it returns a PhotonCodec.RoundTripReport: Passed, Mode, Frames, MaxAbsError (levels), MaxErrorSigma, RmsErrorSigma, MeanBiasPhotons, MismatchedPixels, FirstBadFrame (the first frame that breaks a bound on its own, null when the archive passes), the Reason of a failure, WorstRmsVsDeclared, WorstBiasVsDeclared, WorstRmsVsMeasured, WorstBiasVsMeasured and Deciles (one row per tenth of the pixels: mean level, declared and measured noise, RMS error and bias in levels and over each noise). An archive that cannot be decoded (a corrupt chunk, a chunk that fails its recorded checksum, a missing chunk, metadata that no longer parses) does not round-trip: $false, with the reason as a warning and in Reason. The source must also be the file the archive was written from: its size and SHA-256 are compared with those the archive records (for a sequence, file by file), and a different file is $false with both hashes in Reason, even when the pixels happen to fall within a Quantized archive''s bounds. The boolean form works directly in Pester: Test-PhotonRoundTrip ... | Should -BeTrue.'
            )
            Parameters  = @{
                Path          = 'The source TIFF files. Wildcards are expanded; relative paths resolve against $PWD.'
                LiteralPath   = 'The source TIFF files, taken exactly as written. Binds from PSPath.'
                ZarrPath      = 'The archive made from the source. Without it the source is converted in memory with -Mode and the other parameters, and checked. Binds from a Destination property, so ConversionResult objects can be piped in.'
                Mode          = 'Without -ZarrPath: the mode to convert in memory (default Quantized). With -ZarrPath the archive''s own mode is used.'
                MaxErrorSigma = 'Largest error allowed for any pixel, in units of the noise σ (default: β in Quantized mode, 0 in the exact modes).'
                Detailed      = 'Return a PhotonCodec.RoundTripReport instead of $true/$false.'
            }
            Defaults    = @{ ZarrPath = 'None (converts in memory)'; MaxErrorSigma = 'β in Quantized mode, 0 in Lossless and Float' }
            Outputs     = @{ 'System.Boolean' = 'Without -Detailed.'; 'PhotonCodec.RoundTripReport' = 'With -Detailed.' }
            Examples    = @(
                @{ Code = 'Test-PhotonRoundTrip -Path ./run1.tif -ZarrPath ./run1.zarr'; Remarks = 'True when the archive decodes within its bounds.' }
                @{ Code = 'ConvertTo-PhotonZarr -Path ./run1.tif -Mode Lossless | Test-PhotonRoundTrip -Detailed'; Remarks = 'Converts, then checks the result in detail: Path binds from the result''s Source and ZarrPath from its Destination.' }
                @{ Code = "It 'archives run1 within bounds' { Test-PhotonRoundTrip -Path run1.tif -ZarrPath run1.zarr | Should -BeTrue }"; Remarks = 'As a Pester regression check.' }
                @{ Code = "ConvertTo-PhotonZarr -Path session*.tif -AsSequence -Mode Lossless -DestinationPath sessions.zarr; Test-PhotonRoundTrip -Path session*.tif -AsSequence -ZarrPath sessions.zarr"; Remarks = 'Archives several files as one movie and checks it with the same input selection. For a multi-channel stack written as a Zarr group, -ZarrPath takes the group and one result per channel (c0, c1 …) comes back.' }
            )
        }
        'Test-PhotonArchive' = @{
            Synopsis    = 'Verifies archives without their sources: every chunk present and matching its recorded checksum, the metadata unchanged, every chunk decoding ($true/$false).'
            Description = @(
                'Every archive PhotonCodec writes holds a fixity manifest, .photon-manifest.json, beside its metadata (Zarr readers ignore it; zarr-python and zarrita open the archive as before): the size and CRC-32C of every chunk file (and of each inner chunk of a Zarr v3 shard), the SHA-256 of every metadata document, the array''s layout as written, the source''s size and SHA-256, and the archive''s content digest (SHA-256 over the manifest''s entries). CRC-32C per chunk because it runs at memory speed and is the checksum Zarr v3''s crc32c codec and shard index already use; SHA-256 for the source and the archive as a whole.'
                'Test-PhotonArchive reads every chunk and compares: a missing chunk, a truncated one, one flipped byte, an edited .zarray, .zattrs or zarr.json, and an edited manifest are each caught and named. Unless -SkipDecode it then decodes every chunk. It returns $true only when everything matches; an archive written before manifests existed returns $false with the Reason "no fixity manifest" (its chunks are still checked for presence and decoding), because nothing proves its bytes are the ones written.'
                'With -Detailed it returns a PhotonCodec.ArchiveReport: Passed, Reason, HasManifest, ChunksChecked, BytesChecked, SourceSha256, SourceSize, ContentSha256 and Problems, one row per bad chunk with its Key, ChunkIndex, File, FirstFrame, LastFrame and Problem (missing, truncated, checksum mismatch — in a v3 shard narrowed to the inner chunk or the shard index — or undecodable). Without -Detailed a failure also writes its Reason as a warning. Get-PhotonFrame checks the same checksums on every chunk it reads.'
            )
            Parameters  = @{
                Path        = 'The archives (.zarr folders: an array, an OME-Zarr image group or a channel group). Wildcards are expanded; relative paths resolve against $PWD.'
                LiteralPath = 'The archives, taken exactly as written. Binds from PSPath (Get-ChildItem) and from a Destination property, so ConvertTo-PhotonZarr results can be piped in.'
                Detailed    = 'Return a PhotonCodec.ArchiveReport instead of $true/$false.'
                SkipDecode  = 'Check presence, sizes, checksums and metadata only, without decoding the chunks (faster: limited by reading the files).'
            }
            Outputs     = @{ 'System.Boolean' = 'Without -Detailed.'; 'PhotonCodec.ArchiveReport' = 'With -Detailed.' }
            Examples    = @(
                @{ Code = 'ConvertTo-PhotonZarr -Path ./run1.tif -Mode Lossless -DestinationPath ./run1.zarr; Test-PhotonArchive -Path ./run1.zarr'; Remarks = 'True: every chunk is there with the checksum it was written with, and decodes.' }
                @{ Code = 'Get-ChildItem . -Filter *.zarr -Directory | Test-PhotonArchive -Detailed | Where-Object { -not $_.Passed } | ForEach-Object Problems'; Remarks = 'Checks every archive of the current folder and lists the bad chunks of those that fail (file, frames, what is wrong).' }
                @{ Code = 'Test-PhotonArchive -Path ./run1.zarr -SkipDecode'; Remarks = 'Checksums and metadata only: a quick fixity check, e.g. after copying archives to another disk.' }
            )
        }
        'New-PhotonMigrationPlan' = @{
            Synopsis    = 'Plans the migration of a folder tree of movies: writes a manifest (JSON lines) that Invoke-PhotonMigration tasks share.'
            Description = @(
                'Lists every file below the source root that matches -Include and not -Exclude (hidden files and folders skipped), in ordinal order of the relative path, and writes one JSON line per movie: source, size, destination (the relative path kept under -DestinationRoot, .zarr for the extension), the mode and options, the per-file photon parameters when given, and for a movie larger than -MaxTaskBytes its split into chunk (shard) ranges that different tasks write.'
                'The manifest is deterministic (the same tree and options give the same lines) and can be re-planned: rerunning adds new files, keeps every existing line whose source is unchanged (or gone: sources may be deleted once migrated), and plans again a source whose size changed (with a warning). Two sources that would share a destination (run.tif and run.tiff) are a PhotonCodec.InvalidManifest error naming both, before anything is written.'
                'A split movie needs the same photon parameters in every part: those not given are estimated once here, from the whole movie, and recorded in its line (parameter_source "estimated at plan time"). A movie converted whole is estimated on its own when a task converts it. Edit a line''s options.gain/zero_level/read_noise to give one movie its own parameters.'
            )
            Parameters  = @{
                Path            = 'The source root (alias -SourceRoot): the folder whose movies are migrated. Wildcards are expanded; it must resolve to one folder.'
                LiteralPath     = 'The source root, taken exactly as written. Binds from PSPath.'
                DestinationRoot = 'The folder that receives the archives, the source tree mirrored below it (raw/day1/run2.tif → <root>/day1/run2.zarr).'
                ManifestPath    = 'The manifest to write (JSON lines). An existing manifest is re-planned: its lines are kept unless their source changed size.'
                Include         = 'File-name patterns (* and ?, case-insensitive) to migrate; a pattern with / is matched against the path relative to the source root.'
                Exclude         = 'File-name patterns (as -Include) to leave out.'
                Format          = 'ZarrV2 (default) or ZarrV3 (sharded), as ConvertTo-PhotonZarr -Format. A split movie is split by shards in ZarrV3.'
                Layout          = 'Array (default) or OmeZarr, as ConvertTo-PhotonZarr -Layout.'
                InnerChunkFrames = 'ZarrV3 only: frames per inner chunk of a shard (default 1).'
                MaxTaskBytes    = 'A movie larger than this many bytes is split by chunk ranges across tasks (each part at most about this many source bytes); 0 (default) never splits.'
                WhatIf          = 'Plans and outputs the summary without writing the manifest.'
                Confirm         = 'Asks before writing the manifest.'
            }
            Defaults    = @{ Include = '*.tif, *.tiff'; MaxTaskBytes = '0 (never split)'; ChunkFrames = 'min(100, number of frames)'; InnerChunkFrames = '1' }
            Outputs     = @{ 'PhotonCodec.MigrationPlanResult' = 'Manifest, Files, Added, Kept, Replanned, Split (movies split into parts), Units (work units the tasks share), SourceBytes, Written.' }
            Examples    = @(
                @{ Code = 'New-PhotonMigrationPlan -SourceRoot ./raw -DestinationRoot ./archive -ManifestPath ./migration.jsonl'; Remarks = 'Plans every TIFF below ./raw (Quantized, parameters estimated per movie when converted); ./raw/day1/run2.tif will go to ./archive/day1/run2.zarr.' }
                @{ Code = 'New-PhotonMigrationPlan ./raw ./archive ./migration.jsonl -Mode Lossless -Format ZarrV3 -MaxTaskBytes 1MB'; Remarks = 'Lossless sharded archives; a movie over 1 MB is split into shard ranges that several tasks write into one shared staging array.' }
                @{ Code = 'New-PhotonMigrationPlan -SourceRoot ./raw -DestinationRoot ./archive -ManifestPath ./migration.jsonl -Exclude ''*_bad.tif'' -WhatIf'; Remarks = 'Shows how many files would be planned, without writing the manifest.' }
            )
        }
        'Invoke-PhotonMigration' = @{
            Synopsis    = 'Runs one task of a migration: its share of the manifest, resumable, with a per-task report.'
            Description = @(
                'Each task of a job array runs the same command with its own -TaskIndex: Slurm $env:SLURM_ARRAY_TASK_ID, GNU parallel ::: {0..15} with -TaskIndex {}, Kubernetes Indexed Jobs $env:JOB_COMPLETION_INDEX. Every task computes the same assignment (balanced by source bytes: the largest unit to the task with the fewest bytes so far) and does its units, largest first. Without -TaskIndex/-TaskCount one task does everything.'
                'A movie whose archive records its source''s size and SHA-256 and verifies is skipped (Skipped); anything else is converted in a staging folder and moved into place when complete (Converted), replacing only an existing Zarr archive, never another folder or file. A part of a split movie writes its chunks into the shared staging array .<name>.zarr.migrating-<id>/ beside the destination (PartWritten); the task that writes the last part verifies the whole array (every chunk, the source it records, it decodes) and moves it into place (Committed). A task killed at any moment leaves at most a staging folder: the movie or part is redone by any later task, and no half archive is ever taken for done.'
                'Each unit''s outcome is appended to the task''s report <manifest>.reports/task-<index>.jsonl (flushed before the next unit) and output as a PhotonCodec.MigrationResult; a failed unit also writes an error record with the id the failure has elsewhere (PhotonCodec.CorruptTiff, PhotonCodec.NotPhotonData, PhotonCodec.DestinationExists …) and the task goes on. A manifest that cannot be read is a PhotonCodec.InvalidManifest error.'
            )
            Parameters  = @{
                Path          = 'The manifest written by New-PhotonMigrationPlan (alias -Manifest). Wildcards are expanded.'
                LiteralPath   = 'The manifest, taken exactly as written. Binds from PSPath.'
                TaskIndex     = 'This task''s index, 0 … TaskCount − 1 (e.g. $env:SLURM_ARRAY_TASK_ID).'
                TaskCount     = 'How many tasks share the manifest (the size of the job array).'
                ThrottleLimit = 'Chunks compressed at once within a movie (default: one per processor the task may use).'
                ReportPath    = 'The folder of the per-task reports (default <manifest>.reports beside the manifest).'
                WhatIf        = 'Lists this task''s units without converting anything.'
                Confirm       = 'Asks before each unit.'
            }
            Defaults    = @{ TaskIndex = '0'; TaskCount = '1'; ThrottleLimit = 'one per processor'; ReportPath = '<manifest>.reports' }
            Outputs     = @{ 'PhotonCodec.MigrationResult' = 'Task, Source, Destination, Part (-1 = whole movie), Status (Converted, Skipped, PartWritten, PartSkipped, Committed, Failed), SourceBytes, StoredBytes, Ratio, Seconds, ErrorId, Message.' }
            Examples    = @(
                @{ Code = 'New-PhotonMigrationPlan ./raw ./archive ./migration.jsonl -Mode Lossless; Invoke-PhotonMigration -Manifest ./migration.jsonl'; Remarks = 'One task does the whole manifest; run it again and every archive already done is skipped.' }
                @{ Code = 'New-PhotonMigrationPlan ./raw ./archive ./migration.jsonl -Mode Lossless -MaxTaskBytes 1MB; 0..3 | ForEach-Object { Invoke-PhotonMigration -Manifest ./migration.jsonl -TaskIndex $_ -TaskCount 4 }'; Remarks = 'Four tasks one after the other, as four tasks of a job array would run at once (in Slurm: -TaskIndex $env:SLURM_ARRAY_TASK_ID -TaskCount $env:SLURM_ARRAY_TASK_COUNT); the movie over 1 MB is written in parts and committed by the task of its last part.' }
            )
        }
        'Complete-PhotonMigration' = @{
            Synopsis    = 'Verifies and commits the split movies of a manifest whose parts are all written.'
            Description = @(
                'The task that writes the last part of a split movie commits it; this is the final step for when that task was killed after its part or its commit failed. For every split movie of the manifest: Committed (the staging array verified and moved into place), Skipped (already in place and verified), Waiting (parts missing; run the tasks again) or Failed (with its error id). Its lines go to <manifest>.reports/complete.jsonl.'
            )
            Parameters  = @{
                Path        = 'The manifest (alias -Manifest). Wildcards are expanded.'
                LiteralPath = 'The manifest, taken exactly as written. Binds from PSPath.'
                ReportPath  = 'The folder of the reports (default <manifest>.reports beside the manifest).'
                WhatIf      = 'Lists the split movies it would check and commit, without doing it.'
                Confirm     = 'Asks before each split movie.'
            }
            Defaults    = @{ ReportPath = '<manifest>.reports' }
            Outputs     = @{ 'PhotonCodec.MigrationResult' = 'One per split movie: Status Committed, Skipped, Waiting or Failed.' }
            Examples    = @(
                @{ Code = 'New-PhotonMigrationPlan ./raw ./archive ./migration.jsonl -Mode Lossless -MaxTaskBytes 1MB; 0..2 | ForEach-Object { Invoke-PhotonMigration ./migration.jsonl -TaskIndex $_ -TaskCount 3 }; Complete-PhotonMigration -Manifest ./migration.jsonl'; Remarks = 'After the tasks: every split movie is in place (Skipped here: the last task committed it).' }
                @{ Code = 'New-PhotonMigrationPlan ./raw ./archive ./migration.jsonl -Mode Lossless -MaxTaskBytes 1MB; Complete-PhotonMigration ./migration.jsonl -WhatIf'; Remarks = 'Shows which split movies it would commit.' }
            )
        }
        'Get-PhotonMigrationStatus' = @{
            Synopsis    = 'Summarises a migration: files and bytes done, failed, in progress and pending, and the ratio of what is done.'
            Description = @(
                'Reads the manifest, the destinations and the task reports. Done: the archive is in place and records the planned source size (with -Verify: and passes the full check a task makes before skipping it: the source''s SHA-256, every chunk, decode). Failed: not done, and a task''s last line on it was a failure (its ErrorId and Message are kept). InProgress: some parts of a split movie written. Pending: the rest. Ratio is the source bytes of the movies done over the bytes of their archives.'
            )
            Parameters  = @{
                Path        = 'The manifest (alias -Manifest). Wildcards are expanded.'
                LiteralPath = 'The manifest, taken exactly as written. Binds from PSPath.'
                ReportPath  = 'The folder of the reports (default <manifest>.reports beside the manifest).'
                Verify      = 'Check each archive fully (slow: reads every source and archive) instead of trusting the recorded size.'
                Detailed    = 'Output one PhotonCodec.MigrationFileStatus per movie instead of the summary.'
            }
            Defaults    = @{ ReportPath = '<manifest>.reports' }
            Outputs     = @{
                'PhotonCodec.MigrationStatus'     = 'Manifest, Files, Done, Failed, InProgress, Pending, SourceBytes, DoneSourceBytes, StoredBytes, Ratio, Entries (the per-movie rows).'
                'PhotonCodec.MigrationFileStatus' = 'With -Detailed: Source, Destination, State, SourceBytes, StoredBytes, Ratio, Parts, PartsDone, ErrorId, Message.'
            }
            Examples    = @(
                @{ Code = 'New-PhotonMigrationPlan ./raw ./archive ./migration.jsonl -Mode Lossless; Get-PhotonMigrationStatus -Manifest ./migration.jsonl'; Remarks = 'Right after planning: every file Pending.' }
                @{ Code = 'New-PhotonMigrationPlan ./raw ./archive ./migration.jsonl -Mode Lossless; Invoke-PhotonMigration ./migration.jsonl; Get-PhotonMigrationStatus ./migration.jsonl -Detailed | Where-Object State -ne Done'; Remarks = 'The movies still to do (none here), with the error of each failed one.' }
            )
        }
    }
}
