// The account page: before logging out, send what is still waiting (or ask); after logging out
// or deleting the account, remove the diary from this device, so that the next person to log
// in here never gets it uploaded into their account.
import { refreshFormToken } from "./csrf.js";
import * as store from "./diary-store.js";
import { sync } from "./diary-sync.js";

const params = new URLSearchParams(location.search);
if (params.has("signed-out")) {
  localStorage.removeItem("diary:auth");
  store.clearAll().then(() => history.replaceState(null, "", location.pathname));
}

const logout = document.getElementById("logout-form");
logout?.addEventListener("submit", async (event) => {
  event.preventDefault();
  if ((await store.pending()) > 0) await sync().catch(() => {});
  if ((await store.pending()) > 0 && !confirm(logout.dataset.confirm)) return;
  refreshFormToken(logout); // submit() fires no submit event
  logout.submit();
});
