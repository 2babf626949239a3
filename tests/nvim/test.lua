-- tests/nvim/test.lua — Neovim (sans interface) et son client LSP intégré,
-- configuré par editors/vim (ftdetect, lua/missionc) : la lettre ouverte reçoit
-- son diagnostic à la bonne place (colonne après des lettres accentuées), un
-- nom de mission se complète, le tampon se met en forme. Écrit le résultat
-- dans $RESULTAT et quitte avec le code 1 au premier écart.
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
finish()
