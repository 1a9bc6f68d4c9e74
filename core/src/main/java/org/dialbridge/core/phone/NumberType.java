package org.dialbridge.core.phone;

/**
 * What kind of number a {@link Destination} is: an internal extension, an emergency or short code,
 * or one of libphonenumber's line types. The dial policy refuses the costly and the dangerous ones.
 */
public enum NumberType {
  EXTENSION,
  EMERGENCY,
  SHORT_CODE,
  FIXED_LINE,
  MOBILE,
  FIXED_LINE_OR_MOBILE,
  TOLL_FREE,
  PREMIUM_RATE,
  SHARED_COST,
  VOIP,
  PERSONAL_NUMBER,
  PAGER,
  UAN,
  VOICEMAIL,
  UNKNOWN
}
