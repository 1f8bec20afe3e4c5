namespace PhotonCodec.Core.Pipeline;

/// <summary>What the destination folder is: the array itself, or an OME-Zarr image group holding it.</summary>
public enum ArchiveStructure
{
    /// <summary>The .zarr folder is the array.</summary>
    Array,

    /// <summary>An OME-Zarr image group (NGFF 0.4 over v2, 0.5 over v3) with the array at "0".</summary>
    OmeZarr,
}
