/**
 * Local names for the People API REST types that googleapis generates from Google's discovery
 * document. codegen.yml binds each GraphQL read-model type to its alias here (`mappers`), so
 * resolvers return REST objects and the compiler checks them.
 */
import type { people_v1 } from 'googleapis/build/src/apis/people/index.js';

export type Person = people_v1.Schema$Person;
export type Address = people_v1.Schema$Address;
export type FieldMetadata = people_v1.Schema$FieldMetadata;
export type Source = people_v1.Schema$Source;
export type ProfileMetadata = people_v1.Schema$ProfileMetadata;
export type AgeRangeType = people_v1.Schema$AgeRangeType;
export type Biography = people_v1.Schema$Biography;
export type Birthday = people_v1.Schema$Birthday;
export type Date = people_v1.Schema$Date;
export type BraggingRights = people_v1.Schema$BraggingRights;
export type CalendarUrl = people_v1.Schema$CalendarUrl;
export type ClientData = people_v1.Schema$ClientData;
export type CoverPhoto = people_v1.Schema$CoverPhoto;
export type EmailAddress = people_v1.Schema$EmailAddress;
export type Event = people_v1.Schema$Event;
export type ExternalId = people_v1.Schema$ExternalId;
export type FileAs = people_v1.Schema$FileAs;
export type Gender = people_v1.Schema$Gender;
export type ImClient = people_v1.Schema$ImClient;
export type Interest = people_v1.Schema$Interest;
export type Locale = people_v1.Schema$Locale;
export type Location = people_v1.Schema$Location;
export type Membership = people_v1.Schema$Membership;
export type ContactGroupMembership = people_v1.Schema$ContactGroupMembership;
export type DomainMembership = people_v1.Schema$DomainMembership;
export type PersonMetadata = people_v1.Schema$PersonMetadata;
export type MiscKeyword = people_v1.Schema$MiscKeyword;
export type Name = people_v1.Schema$Name;
export type Nickname = people_v1.Schema$Nickname;
export type Occupation = people_v1.Schema$Occupation;
export type Organization = people_v1.Schema$Organization;
export type PhoneNumber = people_v1.Schema$PhoneNumber;
export type Photo = people_v1.Schema$Photo;
export type Relation = people_v1.Schema$Relation;
export type RelationshipInterest = people_v1.Schema$RelationshipInterest;
export type RelationshipStatus = people_v1.Schema$RelationshipStatus;
export type Residence = people_v1.Schema$Residence;
export type SipAddress = people_v1.Schema$SipAddress;
export type Skill = people_v1.Schema$Skill;
export type Tagline = people_v1.Schema$Tagline;
export type Url = people_v1.Schema$Url;
export type UserDefined = people_v1.Schema$UserDefined;
export type ContactGroup = people_v1.Schema$ContactGroup;
export type ListConnectionsResponse = people_v1.Schema$ListConnectionsResponse;
export type ListContactGroupsResponse = people_v1.Schema$ListContactGroupsResponse;
