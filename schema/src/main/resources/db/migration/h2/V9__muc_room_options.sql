-- Room options added to the muc#roomconfig form (XEP-0045 §10.2, §15.5.3): whether occupants may invite others
-- (muc#roomconfig_allowinvites), which roles may send private messages (muc#roomconfig_allowpm: anyone,
-- participants, moderators, none), which roles may retrieve the member list (muc#roomconfig_getmemberlist: role
-- values, comma-separated), and the room's secret for XEP-0421 occupant ids (base64url of 32 random bytes),
-- so an occupant keeps its id across restarts. Rooms stored before this migration get a secret when next saved.
ALTER TABLE muc_room ADD COLUMN allow_invites BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE muc_room ADD COLUMN allow_pm VARCHAR(16) NOT NULL DEFAULT 'anyone';
ALTER TABLE muc_room ADD COLUMN member_list_roles VARCHAR(64) NOT NULL DEFAULT 'moderator,participant,visitor';
ALTER TABLE muc_room ADD COLUMN occupant_id_secret VARCHAR(64);
