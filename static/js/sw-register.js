// Registers the service worker and offers a waiting new version with a discreet notice.
export function registerServiceWorker() {
  if (!("serviceWorker" in navigator)) return;
  const notice = document.getElementById("update");
  let userAskedForUpdate = false;

  function offer(worker) {
    notice.hidden = false;
    document.getElementById("update-button").addEventListener("click", () => {
      userAskedForUpdate = true;
      worker.postMessage("skip-waiting");
    });
  }

  navigator.serviceWorker.addEventListener("controllerchange", () => {
    // Only reload for an update the user asked for, not when the first worker takes over.
    if (userAskedForUpdate) location.reload();
  });

  navigator.serviceWorker.register("/serviceworker.js").then((registration) => {
    if (registration.waiting && navigator.serviceWorker.controller) offer(registration.waiting);
    registration.addEventListener("updatefound", () => {
      const worker = registration.installing;
      worker.addEventListener("statechange", () => {
        if (worker.state === "installed" && navigator.serviceWorker.controller) offer(worker);
      });
    });
    // An app left open for days still learns of new content when it comes back to the front.
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "visible" && navigator.onLine) registration.update().catch(() => {});
    });
  });
}
