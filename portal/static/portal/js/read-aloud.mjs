// "Listen to this page": reads the main content aloud with the browser's own speech synthesis, in
// the page's language, and only where the phone has a voice for it. Nothing leaves the phone.
// The control stays hidden without JavaScript, without speech, or without a matching voice.

const control = document.querySelector("[data-read-aloud]");
const speech = window.speechSynthesis;
const main = document.querySelector("main");

function primary(tag) {
  return (tag || "").toLowerCase().split(/[-_]/)[0];
}

// A guide not yet translated is shown in the language it was written in, marked with its own lang.
function contentLanguage() {
  const marked = main.querySelector("[data-read-aloud-lang][lang]");
  return (marked || document.documentElement).getAttribute("lang") || "";
}

function voiceFor(language) {
  const wanted = primary(language);
  const voices = speech.getVoices().filter((voice) => primary(voice.lang) === wanted);
  return voices.find((voice) => voice.lang.toLowerCase() === language.toLowerCase()) || voices.find((voice) => voice.default) || voices[0] || null;
}

// One utterance per paragraph: some browsers stop a long utterance part way through.
function paragraphs() {
  return main.innerText
    .split(/\n+/)
    .map((text) => text.trim())
    .filter(Boolean);
}

function start() {
  if (!control || !speech || !main || typeof window.SpeechSynthesisUtterance !== "function") return;
  const language = contentLanguage();
  const buttons = {
    play: control.querySelector("[data-read-aloud-play]"),
    pause: control.querySelector("[data-read-aloud-pause]"),
    resume: control.querySelector("[data-read-aloud-resume]"),
    stop: control.querySelector("[data-read-aloud-stop]"),
  };
  let run = 0; // each reading's number, so the end of a stopped one does not reset a new one

  const show = (state, focus) => {
    buttons.play.hidden = state !== "idle";
    buttons.pause.hidden = state !== "speaking";
    buttons.resume.hidden = state !== "paused";
    buttons.stop.hidden = state === "idle";
    // The pressed button may have gone: keep the keyboard where the person is.
    if (focus) ({ idle: buttons.play, speaking: buttons.pause, paused: buttons.resume })[state].focus();
  };

  buttons.play.addEventListener("click", () => {
    const voice = voiceFor(language);
    if (!voice) return;
    speech.cancel();
    run += 1;
    const thisRun = run;
    const parts = paragraphs();
    parts.forEach((text, index) => {
      const utterance = new SpeechSynthesisUtterance(text);
      utterance.lang = voice.lang;
      utterance.voice = voice;
      if (index === parts.length - 1) {
        utterance.addEventListener("end", () => {
          if (run === thisRun) show("idle", control.contains(document.activeElement));
        });
      }
      speech.speak(utterance);
    });
    show("speaking", true);
  });
  buttons.pause.addEventListener("click", () => {
    speech.pause();
    show("paused", true);
  });
  buttons.resume.addEventListener("click", () => {
    speech.resume();
    show("speaking", true);
  });
  buttons.stop.addEventListener("click", () => {
    run += 1;
    speech.cancel();
    show("idle", true);
  });
  window.addEventListener("pagehide", () => speech.cancel());

  const reveal = () => {
    if (voiceFor(language)) control.hidden = false;
  };
  reveal();
  // Many browsers load their voices after the page: look again when they arrive.
  if (control.hidden && typeof speech.addEventListener === "function") speech.addEventListener("voiceschanged", reveal);
}

start();
