-- tests/nvim/test.lua — Neovim (sans interface) et son client LSP intégré,
-- configuré par editors/vim (ftdetect, lua/missionc) : la lettre ouverte reçoit
-- son diagnostic à la bonne place (colonne après des lettres accentuées), un
-- nom de mission se complète, le tampon se met en forme, le «champ» d’un
-- modèle de lot se complète des colonnes de son export, un référentiel en
-- cours d’écriture reçoit ses propres diagnostics, se survole et se complète
-- comme un référentiel. Écrit le résultat dans $RESULTAT et quitte avec le
-- code 1 au premier écart.
local missionc, stdlib, result = os.getenv("MISSIONC"), os.getenv("STDLIB"), os.getenv("RESULTAT")
local lines = {}
local failed = false

local function say(s) table.insert(lines, s) end
local function expect(what, got, want)
  if vim.inspect(got) ~= vim.inspect(want) then
    failed = true
    say("ÉCHEC " .. what .. " : obtenu " .. vim.inspect(got) .. ", attendu " .. vim.inspect(want))
  else
    say("ok " .. what)
  end
end
local function finish()
  vim.fn.writefile(lines, result)
  vim.cmd(failed and "cquit 1" or "qall!")
end

require("missionc").setup({ cmd = { missionc, "--stdlib", stdlib, "lsp" } })
vim.cmd("filetype on")
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("LETTRE")))
expect("type de fichier", vim.bo.filetype, "mission")

-- The diagnostic: « plpp » on line 6, after « É » and « é » (two bytes each).
local ok = vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end, 50)
expect("diagnostic reçu", ok, true)
local diags = vim.diagnostic.get(0)
table.sort(diags, function(a, b) return a.lnum < b.lnum end)
local got = {}
for _, d in ipairs(diags) do
  table.insert(got, { d.lnum, d.col, d.end_col, d.code or (d.user_data and d.user_data.lsp.code) })
end
local line6 = vim.api.nvim_buf_get_lines(0, 5, 6, false)[1]
local col = line6:find("plpp", 1, true) - 1
expect("diagnostic à sa place (ligne, colonne en octets)", got, { { 5, col, col + 4, "corps_inconnu" } })

-- Completion of a mission name typed halfway, applied by the client.
vim.api.nvim_buf_set_lines(0, 11, 11, false, { "mission coordonner_eq" })
local client = vim.lsp.get_active_clients()[1]
local params = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = 11, character = 21 } }
local res = vim.lsp.buf_request_sync(0, "textDocument/completion", params, 10000)
local items = {}
for _, r in pairs(res or {}) do
  for _, it in ipairs((r.result or {}).items or {}) do table.insert(items, it) end
end
local chosen
for _, it in ipairs(items) do
  if it.label == "coordonner_equipes" then chosen = it end
end
expect("mission proposée", chosen and chosen.label, "coordonner_equipes")
if chosen then
  vim.lsp.util.apply_text_edits({ chosen.textEdit }, 0, client.offset_encoding or "utf-16")
end
expect("nom complété", vim.api.nvim_buf_get_lines(0, 11, 12, false)[1], "mission coordonner_equipes")
vim.api.nvim_buf_set_lines(0, 11, 12, false, {})

-- Formatting: the buffer becomes what `missionc formater` writes.
local want = vim.fn.systemlist({ missionc, "formater", "-" }, vim.api.nvim_buf_get_lines(0, 0, -1, false))
if vim.lsp.buf.format then
  vim.lsp.buf.format({ timeout_ms = 10000 })
else
  vim.lsp.buf.formatting_sync(nil, 10000)
end
expect("tampon mis en forme", vim.api.nvim_buf_get_lines(0, 0, -1, false), want)
expect("ligne de partie mise en forme", vim.api.nvim_buf_get_lines(0, 4, 5, false)[1],
  'partie chef  : chef_etablissement "Mme Élodie Durand"')

-- A batch model's «fields»: the columns of the export beside it, asked at a
-- position the client counts in UTF-16 after a « (two bytes, one unit).
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("MODELE")))
vim.wait(10000, function() return #vim.lsp.get_active_clients({ bufnr = 0 }) > 0 end, 50)
local mclient = vim.lsp.get_active_clients({ bufnr = 0 })[1]
local last = vim.api.nvim_buf_line_count(0)
local typed = 'observation "«pr'
vim.api.nvim_buf_set_lines(0, last, last, false, { typed })
-- The cursor after « pr », as in insert mode (a normal-mode cursor stays on
-- the last character): its column in UTF-16 units, as the client counts.
local _, u16 = vim.str_utfindex(typed)
local mparams = { textDocument = { uri = vim.uri_from_bufnr(0) }, position = { line = last, character = u16 } }
local mres = vim.lsp.buf_request_sync(0, "textDocument/completion", mparams, 10000)
local field
for _, r in pairs(mres or {}) do
  for _, it in ipairs((r.result or {}).items or {}) do
    if it.label == "prenom" then field = it end
  end
end
expect("colonne de l’export proposée", field and field.detail, "colonne 2 de «\194\160pacte.csv\194\160»")
if field then
  vim.lsp.util.apply_text_edits({ field.textEdit }, 0, mclient.offset_encoding or "utf-16")
end
expect("champ complété et fermé", vim.api.nvim_buf_get_lines(0, last, last + 1, false)[1],
  'observation "«prenom»')

-- A référentiel being written: its own mistake at its place, gone once
-- fixed in the buffer, before it is saved.
vim.cmd("edit " .. vim.fn.fnameescape(os.getenv("REFERENTIEL")))
ok = vim.wait(10000, function() return #vim.diagnostic.get(0) > 0 end, 50)
expect("référentiel : diagnostic reçu", ok, true)
got = {}
for _, d in ipairs(vim.diagnostic.get(0)) do
  table.insert(got, { d.lnum, d.col, d.end_col, d.code or (d.user_data and d.user_data.lsp.code) })
end
expect("référentiel : diagnostic à sa place", got, { { 2, 0, 15, "role_inconnu" } })
vim.api.nvim_buf_set_lines(0, 2, 3, false, { "titulaire agent" })
ok = vim.wait(10000, function() return #vim.diagnostic.get(0) == 0 end, 50)
expect("référentiel corrigé sans être enregistré : plus de diagnostic", ok, true)
expect("référentiel : pas enregistré", vim.bo.modified, true)
-- Read as a référentiel, not as a letter: the hover on its holder's role,
-- a declaration of a référentiel completed.
local ruri = vim.uri_from_bufnr(0)
local hres = vim.lsp.buf_request_sync(0, "textDocument/hover",
  { textDocument = { uri = ruri }, position = { line = 2, character = 12 } }, 10000)
local hover
for _, r in pairs(hres or {}) do
  if r.result then hover = vim.split(r.result.contents.value, "\n")[1] end
end
expect("référentiel : survol du rôle du titulaire", hover, "**rôle** `agent` — Agent")
local rlast = vim.api.nvim_buf_line_count(0)
vim.api.nvim_buf_set_lines(0, rlast, rlast, false, { "rol" })
local rres = vim.lsp.buf_request_sync(0, "textDocument/completion",
  { textDocument = { uri = ruri }, position = { line = rlast, character = 3 } }, 10000)
local decl, letter_kw
for _, r in pairs(rres or {}) do
  for _, it in ipairs((r.result or {}).items or {}) do
    if it.label == "role" then decl = it end
    if it.label == "lettre" then letter_kw = it end
  end
end
expect("référentiel : pas de déclaration de lettre proposée", letter_kw, nil)
if decl then
  vim.lsp.util.apply_text_edits({ decl.textEdit }, 0, vim.lsp.get_active_clients({ bufnr = 0 })[1].offset_encoding or "utf-16")
end
expect("référentiel : déclaration complétée", vim.api.nvim_buf_get_lines(0, rlast, rlast + 1, false)[1], "role")
finish()
