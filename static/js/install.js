// Offers "install to home screen" where the browser allows it, and explains it on iOS.
const section = document.getElementById("install");
const standalone = matchMedia("(display-mode: standalone)").matches || navigator.standalone;

if (!standalone) {
  window.addEventListener("beforeinstallprompt", (event) => {
    event.preventDefault();
    const button = document.getElementById("install-button");
    section.hidden = false;
    button.hidden = false;
    button.addEventListener("click", async () => {
      event.prompt();
      await event.userChoice;
      section.hidden = true;
    });
  });
  if (/iphone|ipad|ipod/i.test(navigator.userAgent)) {
    section.hidden = false;
    document.getElementById("install-ios").hidden = false;
  }
}
