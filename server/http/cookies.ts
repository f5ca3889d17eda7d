export const SESSION_COOKIE = "sb_session";
