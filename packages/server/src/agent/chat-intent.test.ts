import { expect, test } from "vitest";
import { acknowledgementOf, asksForPersonElsewhere, messageKindOf, needsAccountAccess, smallTalkOf, tidyMessage, withoutAddresses, withoutPleasantries } from "./chat-intent";

test.each([
  ["hi", "greeting"],
  ["Hello there!", "greeting"],
  ["bonjour", "greeting"],
  ["thanks so much!", "thanks"],
  ["ok thank you, bye", "thanks"],
  ["merci beaucoup", "thanks"],
  ["vielen Dank", "thanks"],
  ["bye!", "goodbye"],
  ["hiii", "greeting"],
  ["heyy!", "greeting"],
  ["hej", "greeting"],
  ["thank u so much", "thanks"],
  ["thanks a bunch", "thanks"],
  ["many thanks", "thanks"],
  ["tack så mycket", "thanks"],
  ["kiitos", "thanks"],
  ["dzięki!", "thanks"],
  ["Merhaba!", "greeting"],
  ["Szia!", "greeting"],
  ["Bună ziua", "greeting"],
  ["Çok teşekkürler!", "thanks"],
  ["Köszönöm szépen", "thanks"],
  ["Mulțumesc frumos!", "thanks"],
  ["Moltes gràcies", "thanks"],
] as const)("%s is small talk (%s)", (text, kind) => {
  expect(smallTalkOf(text)).toBe(kind);
});

test.each([
  ["ok", "acknowledged"],
  ["Got it!", "acknowledged"],
  ["👍", "acknowledged"],
  ["yes", "acknowledged"],
  ["d'accord", "acknowledged"],
  ["ok thanks", "thanks"],
  ["yes thank you!", "thanks"],
  ["no thanks", "goodbye"],
  ["nope, that's all", "goodbye"],
  ["non merci", "goodbye"],
] as const)("%s is small talk (%s)", (text, kind) => {
  expect(smallTalkOf(text)).toBe(kind);
});

test.each([
  ["yes", "yes"],
  ["Yes please!", "yes"],
  ["yep that's it", "yes"],
  ["OK 👍", "yes"],
  ["👍🏻👍🏻", "yes"],
  ["oui", "yes"],
  ["ja, genau", "yes"],
  ["sí", "yes"],
  ["no", "no"],
  ["Nope.", "no"],
  ["not really", "no"],
  ["nein", "no"],
  ["👎", "no"],
  ["yes but how do I return boots?", null],
  ["no refund yet", null],
  ["ok so can I pay by card?", null],
  ["you", null],
  ["??", null],
] as const)("%s says %s", (text, said) => {
  expect(acknowledgementOf(text)).toBe(said);
});

test.each(["hi, how do I return boots?", "thanks, but can I pay by card?", "refund", "hello i need my invoice"])("%s is a question, not small talk", (text) => {
  expect(smallTalkOf(text)).toBeNull();
});

test.each([
  "je veux parler à un conseiller",
  "puis-je parler à quelqu'un ?",
  "quiero hablar con una persona",
  "Ich möchte mit einem Mitarbeiter sprechen",
  "posso falar com um atendente?",
  "czy mogę porozmawiać z człowiekiem?",
  "potřebuji mluvit s operátorem",
  "kan jag få prata med någon på kundtjänst?",
  "jeg vil gerne tale med en medarbejder",
  "kan jeg snakke med et menneske",
  "haluan puhua asiakaspalvelun kanssa",
  "¿me pasas con alguien de soporte?",
  "kan jeg få fat i et menneske",
  "¿me puede atender alguien de verdad?",
  "ik wil graag iemand van de klantenservice spreken",
  "kan ik met iemand van de klantenservice chatten aub",
  "ik wil een medewerker aub",
  "połącz mnie z człowiekiem proszę",
  "chcę się połączyć z konsultantem",
  "Bir insanla konuşmak istiyorum",
  "müşteri hizmetleri ile görüşebilir miyim?",
  "canlı destek lütfen",
  "Szeretnék egy ügyintézővel beszélni",
  "valakivel beszélhetnék az ügyfélszolgálaton?",
  "vreau să vorbesc cu un operator",
  "puc parlar amb una persona?",
])(
  "%s asks for a person",
  (text) => expect(asksForPersonElsewhere(text)).toBe(true),
);

test.each(["comment parler de vos produits à mes amis ?", "¿cómo hablo con mi banco?", "jak porozmawiać o zwrocie?", "hur pratar jag med min bank om betalningen?", "jak połączyć konto z bankiem?", "¿me atienden en la tienda sin cita?"])("%s does not ask for a person", (text) => {
  expect(asksForPersonElsewhere(text)).toBe(false);
});

test.each([
  "where is order 4417?",
  "my refund for invoice INV-2231 hasn't arrived",
  "why was I billed twice on the 3rd?",
  "can you please cancel my order",
  "please change the address on my order",
  "I was double charged this month",
  "please make me the owner of the workspace northwind-ops",
  "please remove 2FA from owner@fieldcraft.co so I can get in",
  "please change the account holder on my line to my husband",
  "please take the £7.50 late fee off my march bill",
  "I posted my trade-in 3 weeks ago and still haven't had the £210 credit",
  "On a été prélevés alors qu'on avait résilié, vous pouvez vérifier notre compte ?",
  "¿Pueden revisar mi cuenta? Me cobraron dos veces",
  "stop delivery of AB 4410 9921 07, I moved",
  "could you hold shipment KL 88213 at the depot",
  "the money from friday's sale never reached us, could you check what happened",
  "we didn't get yesterday's statement, can someone look into it",
  "please switch off the spending limit on my card",
  "please remove two-factor sign-in from my account",
  "why was my overdraft reduced without telling me",
  "could you check whether the payment we sent last week has cleared",
  "la mia carta è bloccata, potete controllare?",
  "kunnen jullie mijn adres wijzigen",
  "paguei o plano, podem verificar minha assinatura?",
  "fui cobrado duas vezes em março",
  "the guy at the desk said hed waive the fuel charge but ive still been billed £61",
  "support promised a refund for the broken blender, yet I was charged in full",
  "on m'a facturé deux fois ce mois-ci",
  "Die Rechnung wurde doppelt abgebucht",
  "I signed up twice by mistake, could you merge the two profiles?",
  "my password reset never comes, can you let me back in",
  "the fee you added was wrong and I want it reversed",
  "has my address change gone through yet?",
  "sent the form back 2 weeks ago and still no reply on my claim",
  "is my phone unlocked yet? the serial is 490154203237518",
  "my refund request was declined yesterday, why?",
  "please upgrade reservation 7GQ2XB to a sea-view room",
  "can I still change the time? confirmation code TK82MN",
  "hvornår kommer min bestilling 40871?",
  "stav mé rezervace č. 5512?",
  "why did you bill me 19.99 twice in october",
  "I returned the jacket three weeks ago, what is the status",
  "where's my cashback, it's been 5 weeks",
  "I sent the claim form in March and still haven't been paid",
  "my licence has been pending since friday, can you check whats going on",
  "I paid an hour ago and the app still says Free. Can you check?",
  "my March invoice shows 12 extra credits, can someone look",
  "I got a €380 charge for a scratch that was already there. Please remove the charge.",
  "my streak disappeared yesterday, please put it back",
  "I cancelled during the trial and you STILL charged me $69",
  "I was charged for the club but I never signed up for it",
  "cancelled plus on 2 may but got billed again on the 5th",
  "My membership renewed yesterday even though I cancelled it last week",
  "My account was suspended yesterday with no explanation. Please reinstate it.",
  "My compensation was only €60 but the car came 5 days late. Please recalculate it.",
  "Please put my account on hold, someone else logged in",
  "you took a €90 cleaning fee off my refund but the car was spotless, i want that money back",
  "The host charged me €150 for a table that was already cracked. I want this charge reversed.",
  "I sent the certificate for my request 9 days ago and haven't heard anything",
  "my gift card says £0 balance but i've never used it, code ends 4471",
  "our account says suspended but i paid the invoice yesterday, please unsuspend it",
  "we requested a payroll limit increase monday and got denied with no explanation. why??",
  "our invoice shows 14 people but we only have 9 on payroll, whats going on with our bill",
  "what happened to my order? it said delivered",
  "my verification was rejected 3 times even though I uploaded my ID, can someone manually look at it",
  "if you don't refund me today I'm disputing it with my bank",
  "I sent my request 9 days ago and it still says pending. can someone please just approve it",
  "got a parking fine even though my plate is registered in the app, I want this sorted",
  "app says payment outstanding but my bank shows you took the money on the 1st",
  "la app me cobró 8 euros pero soy socia",
  "vous m'avez facturé l'option alors que je l'avais annulée",
  "her wages went to her old bank account, which is closed. where is the money?",
  "where is my payout? the dashboard says sent but nothing in my bank",
  "my referral credit never showed up, my friend joined in August",
  "The adviser didn't show up for our call yesterday and nobody told me anything. This is unacceptable.",
  "your app added up my mileage wrong and the tax office fined me €84. I want the accuracy guarantee payout.",
  "I was charged a €45 call-out fee but it was a real break-in. Remove the fee please.",
  "I booked an engineer for 14 June at our new address. Has it been confirmed? Nobody has called me.",
  "I got a fine even though session 5519023 was active the whole time. I expect you to pay this fine.",
  "cancel my booking 7RT2MW for me please",
  "update my address to 14 Orchard Lane, Leeds please",
])("%s needs someone with access to the account", (text) => {
  expect(needsAccountAccess(text)).toBe(true);
});

test.each([
  "my package is late, what can I do?",
  "how do I cancel my order?",
  "can I change the address on my order?",
  "how long do refunds take",
  "what is the 2024 price list",
  "how do I make someone an admin",
  "my parcel hasn't arrived yet, what can I do?",
  "can I take my phone abroad",
  "can I pay for 3 months in advance",
  "what happens if I didn't receive a code",
  "how do I check what happened to a parcel",
  "my parcel is 130 cm long, can I still send it",
  "how do I turn off notifications",
  "can you check if an item is in stock in your shop",
  "come posso cambiare il mio indirizzo?",
  "ordered 5 days ago and still no tracking email, is that normal?",
  "my card still isn't working after 2 days, what should I do?",
  "can you let me know how refunds work",
  "how do I merge two profiles",
  "will I be billed twice if I switch plans mid-month?",
  "where is my booking code shown in the app",
  "how many weeks ago can I book at the latest",
  "what is the status of a refund after 2 weeks normally",
  "will I be charged again if I cancel now?",
  "what happens if nobody has called me two days before the installation?",
  "how do I remove the fee please",
  "if I cancel, will my plan be renewed?",
  "cancelled my membership 5 days after it renewed, do I get the money back?",
  "how do I check",
  "what do I do if I was charged for something I didn't buy?",
  "what happens if you took the payment twice by mistake?",
  "i want my money back",
  "where do I put my promo code",
  "what happens to my data if I close my account",
  "if we got denied a limit increase, why would that be?",
  "how long until a card ending in the new number arrives",
  "you want proof of where the money came from, what counts?",
  "what does it mean when a payment says processed but not yet received?",
  "delete my account",
  "change my email",
  "stop sending me promo emails please",
  "I want you to delete all my data, how do I do that",
])("%s is a question an article may answer", (text) => {
  expect(needsAccountAccess(text)).toBe(false);
});

test.each([
  ["Hi there! How long do I have to return an item? Thanks in advance, Maria", "How long do I have to return an item?"],
  ["Hello,\n\nThe jacket doesn't fit. Can I return it?\n\nKind regards,\nJohn Smith\nSent from my iPhone", "The jacket doesn't fit. Can I return it?"],
  ["Dear Sir or Madam, can I pay by invoice?", "can I pay by invoice?"],
  ["hi Anna, how long is tracking kept?", "how long is tracking kept?"],
  ["Hiii! can I pay by card?", "can I pay by card?"],
  ["how do i cancel thanks in advance, maria", "how do i cancel"],
  ["Can I return it? Thanks for the help!", "Can I return it?"],
  ["what is the best way to pay? Best, Tom", "what is the best way to pay?"],
  ["Bonjour, comment annuler ma commande ? Merci d'avance, Julie", "comment annuler ma commande ?"],
  ["Hallo Team, wie ändere ich mein Passwort? Mit freundlichen Grüßen\nAnna Schmidt", "wie ändere ich mein Passwort?"],
  ["Can I pay by card?\n\nVon meinem iPhone gesendet", "Can I pay by card?"],
  ["Hi, quick question: can I pay by card?", "question: can I pay by card?"],
  ["I have a silly question about invoices", "I have a question about invoices"],
  ["Petite question : puis-je payer par carte ?", "question : puis-je payer par carte ?"],
  ["Kurze Frage: kann ich mit Karte zahlen?", "Frage: kann ich mit Karte zahlen?"],
  ["Hi, sorry to bother you. I'm having an issue. Can you help? The app logs me out every day.", "The app logs me out every day."],
  ["I hope you're well! I have a problem, my card was declined", "my card was declined"],
  ["Bonjour, j'ai un problème : ma carte est refusée", "ma carte est refusée"],
  ["Support: how do I reset my password?", "how do I reset my password?"],
  ["Merhaba, siparişimi nasıl iptal ederim? Teşekkürler", "siparişimi nasıl iptal ederim?"],
  ["Szia! Hogyan mondhatom le a rendelésemet? Köszönöm, Anna", "Hogyan mondhatom le a rendelésemet?"],
  ["Customer service team, my card was declined", "my card was declined"],
])("the courtesies around %j are not searched", (message, question) => {
  expect(withoutPleasantries(message)).toBe(question);
});

test.each([
  "Hey where's my refund, it's been 2 weeks",
  "I love your shop. Best plan for a family of four?",
  "My order is late. Thanks, but where is it?",
  "Cheers mate, one more: do you ship to Canada?",
  "Kann ich einen Screenshot von meinem Ticket am Einlass zeigen?",
  "thanks",
  "Hi!",
  "I have a problem with my invoice",
  "Can you help me change my address?",
  "I need help.",
  "Support: 24/7?",
  "Team plan: how much is it?",
])("%j is kept as it is: no greeting or sign-off around a question", (message) => {
  expect(withoutPleasantries(message)).toBe(message);
});

test("a message is plain text: invisible characters gone, runs of spaces one space, line breaks kept", () => {
  expect(tidyMessage("  how\u00A0do I\treset\u200B my password?\r\n\t Thanks\uFEFF ")).toBe("how do I reset my password?\nThanks");
});

test("web and email addresses are not searched", () => {
  expect(withoutAddresses("It fails on https://shop.example.com/account/settings?tab=2, see www.example.org.").replace(/\s+/g, " ")).toBe("It fails on , see .");
  expect(withoutAddresses("I wrote to help@example.com (from jo.doe+shop@mail.example.co.uk)").replace(/\s+/g, " ")).toBe("I wrote to (from )");
});

test("an address in the signature names no account the message asks about; one in the request does", () => {
  expect(messageKindOf("How do I reset my password? Thanks,\nJohn Smith (john@acme.com)")).toBeNull();
  expect(messageKindOf("Please remove 2FA from owner@example.com. Thanks, John")).toBe("account_specific");
});

test.each([
  "plaese take the £7.50 late fee off my march bill, i paid it the same day",
  "my account was suspneded yesterday and the email doesn't say why",
  "why did 800 points disappaer from my balance last week",
])("%j asks about the customer's own account, typo and all", (text) => {
  expect(needsAccountAccess(text)).toBe(true);
});
