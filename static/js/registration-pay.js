// Card payment for a held seat. Works with real Stripe.js and localstripe's fake one:
// 1. the card element confirms a SetupIntent the server created (confirmCardSetup);
// 2. we post the payment method id; the server charges the amount IT computed and confirms;
// 3. if the bank wants authentication (3-D Secure), confirmCardPayment finishes it and we
//    ask the server again, which re-reads the payment from Stripe.
(function () {
  "use strict";
  // Messages in the page's language: Django's JavaScript catalogue (/jsi18n/) defines gettext.
  const _ = window.gettext || function (text) { return text; };
  const form = document.getElementById("payment-form");
  if (!form || typeof Stripe === "undefined") { return; }
  const stripe = Stripe(form.dataset.publishableKey);
  const card = stripe.elements().create("card");
  card.mount("#card-element");
  const button = document.getElementById("pay-button");
  const message = document.getElementById("payment-message");
  const csrf = form.querySelector("input[name=csrfmiddlewaretoken]").value;

  const progress = document.getElementById("payment-progress");
  // Errors in the error style (role=alert); "Processing…" as progress (role=status).
  const nextSteps = document.getElementById("payment-declined-help");
  function show(text) {
    message.textContent = text || "";
    if (nextSteps) { nextSteps.hidden = !text; }
  }
  function busy(on) {
    button.disabled = on;
    button.setAttribute("aria-busy", on ? "true" : "false");
    if (progress) { progress.hidden = !on; }
    if (on) { show(""); }
  }
  async function post(data) {
    const response = await fetch(form.dataset.submitUrl, {
      method: "POST",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrf},
      credentials: "same-origin",
      body: JSON.stringify(data),
    });
    return response.json();
  }
  function submit(paymentMethod) { return post({payment_method: paymentMethod}); }
  function finish(result) {
    if (result.status === "succeeded" || result.status === "processing") {
      window.location.assign(result.redirect_url);
      return true;
    }
    if (result.setup_secret) { form.dataset.setupSecret = result.setup_secret; }
    show(result.message || _("The payment did not go through. Please try again."));
    busy(false);
    button.focus();
    return false;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    busy(true);
    try {
      const setup = await stripe.confirmCardSetup(form.dataset.setupSecret, {
        payment_method: {
          card: card,
          billing_details: {name: form.dataset.billingName, email: form.dataset.billingEmail},
        },
      });
      if (setup.error) {
        const fresh = await post({setup: true});
        if (fresh.setup_secret) { form.dataset.setupSecret = fresh.setup_secret; }
        busy(false);
        show(setup.error.message || _("Your card could not be used."));
        return;
      }
      const method = setup.setupIntent.payment_method;
      const paymentMethod = typeof method === "string" ? method : method.id;
      let result = await submit(paymentMethod);
      if (result.status === "requires_action" && result.client_secret) {
        const auth = await stripe.confirmCardPayment(result.client_secret);
        if (auth.error) { show(auth.error.message); }
        result = await submit(paymentMethod);
      }
      finish(result);
    } catch (error) {
      show(_("Something went wrong while paying. Nothing was charged twice; please try again."));
      busy(false);
    }
  });
})();
