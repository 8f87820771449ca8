// The passkeys page: once django-otp-webauthn's script has registered a passkey, show the page
// again, with the new passkey in the list and a note that it is added.
(function () {
  "use strict";
  document.addEventListener("otp_webauthn.register_complete", function () {
    var url = new URL(window.location.href);
    url.searchParams.set("added", "1");
    window.location.assign(url.toString());
  });
})();
