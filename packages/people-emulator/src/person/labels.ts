/** The English labels Google computes for predefined types (`formattedType` and the like). */

export const TYPE_LABELS: Record<string, string> = {
  home: 'Home',
  work: 'Work',
  other: 'Other',
  mobile: 'Mobile',
  homeFax: 'Home Fax',
  workFax: 'Work Fax',
  otherFax: 'Other Fax',
  pager: 'Pager',
  workMobile: 'Work Mobile',
  workPager: 'Work Pager',
  main: 'Main',
  googleVoice: 'Google Voice',
  anniversary: 'Anniversary',
  account: 'Account',
  customer: 'Customer',
  loginId: 'Login ID',
  network: 'Network',
  organization: 'Organization',
  freeBusy: 'Free/Busy',
  school: 'School',
  spouse: 'Spouse',
  child: 'Child',
  mother: 'Mother',
  father: 'Father',
  parent: 'Parent',
  brother: 'Brother',
  sister: 'Sister',
  friend: 'Friend',
  relative: 'Relative',
  domesticPartner: 'Domestic Partner',
  manager: 'Manager',
  assistant: 'Assistant',
  referredBy: 'Referred by',
  partner: 'Partner',
  blog: 'Blog',
  profile: 'Profile',
  homePage: 'Home Page',
  ftp: 'FTP',
  reservations: 'Reservations',
  appInstallPage: 'App Install Page',
};

export const PROTOCOL_LABELS: Record<string, string> = {
  aim: 'AIM',
  msn: 'MSN',
  yahoo: 'Yahoo',
  skype: 'Skype',
  qq: 'QQ',
  googleTalk: 'Google Talk',
  icq: 'ICQ',
  jabber: 'Jabber',
  netMeeting: 'NetMeeting',
};

export const GENDER_LABELS: Record<string, string> = {
  male: 'Male',
  female: 'Female',
  unspecified: 'Unspecified',
};

/** Localised label of a predefined type; a custom type is shown as entered (Google does so). */
export function label(labels: Record<string, string>, value: string): string {
  return labels[value] ?? value;
}

export function keywordLabel(type: string): string {
  const words = type
    .replace(/^OUTLOOK_/, '')
    .toLowerCase()
    .split('_');
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}
