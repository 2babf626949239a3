// extension.js — relie VS Code au serveur de langage « missionc lsp » : chaque
// fichier .mission reçoit diagnostics, complétion, survol, définition, plan,
// mise en forme et actions ; l’action « Sélectionner le blanc » est servie
// par window/showDocument, que VS Code sait faire.
const vscode = require("vscode");
const { LanguageClient } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration("missionc");
  const args = [];
  if (config.get("stdlib")) {
    args.push("--stdlib", config.get("stdlib"));
  }
  args.push("lsp");
  const server = { command: config.get("chemin") || "missionc", args };
  client = new LanguageClient("missionc", "missionc", { run: server, debug: server }, {
    documentSelector: [{ scheme: "file", language: "mission" }, { scheme: "untitled", language: "mission" }],
    initializationOptions: { delai: config.get("delai") || 0 },
  });
  client.start();
  context.subscriptions.push({ dispose: () => client && client.stop() });
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
