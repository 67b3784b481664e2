// The installed app starts on the home page: sync the diary there too, but only for someone
// who has an account (remembered by diary-sync.js), so nobody else pays for it.
import { account, startSync } from "./diary-sync.js";

if (account().authenticated) startSync();
