" ale_linters/mission/missionc.vim — le serveur de langage de missionc pour ALE
" (Vim et Neovim) : diagnostics pendant la frappe, complétion (omnifunc
" ale#completion#OmniFunc ou g:ale_completion_enabled), survol (:ALEHover),
" définition (:ALEGoToDefinition). ALE compte les colonnes en octets sans le
" dire au serveur : l’option « positions » le lui dit.
"   let g:ale_mission_missionc_executable = '/chemin/missionc'
"   let g:ale_mission_missionc_options = '--stdlib /chemin/stdlib'
call ale#Set('mission_missionc_executable', 'missionc')
call ale#Set('mission_missionc_options', '')

call ale#linter#Define('mission', {
\   'name': 'missionc',
\   'lsp': 'stdio',
\   'executable': {buffer -> ale#Var(buffer, 'mission_missionc_executable')},
\   'command': {buffer -> '%e' . ale#Pad(ale#Var(buffer, 'mission_missionc_options')) . ' lsp'},
\   'project_root': {buffer -> fnamemodify(bufname(buffer), ':p:h')},
\   'initialization_options': {'positions': 'utf-8'},
\})
