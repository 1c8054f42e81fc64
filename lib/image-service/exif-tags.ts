/**
 * Which EXIF tags survive ingest: an allowlist, so anything not named here (serial numbers, owner
 * names, MakerNotes, unique ids, thumbnails, vendor tags) is removed. GPS is all-or-nothing and
 * only kept where the deployment says so (IMAGE_SERVICE_KEEP_LOCATION).
 */

export const TAG_ORIENTATION = 0x0112;
export const EXIF_IFD_POINTER = 0x8769;
export const GPS_IFD_POINTER = 0x8825;

/** IFD0 tags kept. */
export const IFD0_TAGS = {
  Make: 0x010f,
  Model: 0x0110,
  Orientation: TAG_ORIENTATION,
  Artist: 0x013b,
  Copyright: 0x8298,
} as const;

/** Exif sub-IFD tags kept: when the photo was taken and with what settings. */
export const EXIF_TAGS = {
  ExposureTime: 0x829a,
  FNumber: 0x829d,
  ISOSpeedRatings: 0x8827,
  DateTimeOriginal: 0x9003,
  OffsetTimeOriginal: 0x9011,
  FocalLength: 0x920a,
  LensModel: 0xa434,
} as const;

export const KEPT_IFD0_TAGS: ReadonlySet<number> = new Set(Object.values(IFD0_TAGS));
export const KEPT_EXIF_TAGS: ReadonlySet<number> = new Set(Object.values(EXIF_TAGS));

/**
 * Tags known to identify a device or person, for tests and documentation: none is in the lists
 * above, and the allowlist removes them along with everything else not listed.
 */
export const SERIAL_AND_PERSONAL_TAGS = {
  CameraSerialNumber: 0xc62f,
  BodySerialNumber: 0xa431,
  LensSerialNumber: 0xa435,
  CameraOwnerName: 0xa430,
  ImageUniqueID: 0xa420,
  MakerNote: 0x927c,
  HostComputer: 0x013c,
  UserComment: 0x9286,
} as const;
