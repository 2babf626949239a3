" tests/ale/test.vim — Vim et ALE, reliés à « missionc lsp » par
" editors/vim/ale_linters/mission/missionc.vim (tests/ale/run.sh les lance
" dans un terminal que personne ne tape) : la lettre ouverte reçoit son
" diagnostic à sa place (colonne en octets, après des lettres accentuées) avec
" son message français ; un nom de mission tapé à moitié se complète par
" <C-x><C-o> (l’omnifunc d’ALE) ; un référentiel en cours d’écriture reçoit
" ses propres diagnostics, qui s’effacent quand il est corrigé, avant d’être
" enregistré, et se complète de ses propres déclarations. Écrit le résultat
" dans $RESULTAT et quitte avec le code 1 au premier écart.
let s:lines = []
let s:failed = 0

function! s:Expect(what, got, want) abort
  if type(a:got) == type(a:want) && a:got == a:want
    call add(s:lines, 'ok ' . a:what)
  else
    let s:failed = 1
    call add(s:lines, 'ÉCHEC ' . a:what . ' : obtenu ' . string(a:got) . ', attendu ' . string(a:want))
  endif
endfunction

function! s:Loclist() abort
  return get(get(g:ale_buffer_info, bufnr(''), {}), 'loclist', [])
endfunction

let g:ale_linters = {'mission': ['missionc']}
let g:ale_mission_missionc_executable = $MISSIONC
let g:ale_mission_missionc_options = '--stdlib ' . shellescape($STDLIB)
packadd ale
filetype plugin on
set hidden

try
  execute 'edit ' . fnameescape($LETTRE)
  call s:Expect('type de fichier', &filetype, 'mission')

  " The diagnostic: « plpp » on line 6, after « É » and « é » (two bytes each).
  let s:deadline = localtime() + 20
  while empty(s:Loclist()) && localtime() < s:deadline
    sleep 50m
  endwhile
  let s:got = map(copy(s:Loclist()), {_, d -> [d.lnum, d.col, d.end_col, get(d, 'code', '')]})
  let s:col = stridx(getline(6), 'plpp') + 1
  call s:Expect('diagnostic à sa place (ligne, colonnes en octets)', s:got,
  \ [[6, s:col, s:col + 3, 'corps_inconnu']])
  call s:Expect('message en français',
  \ stridx(get(get(s:Loclist(), 0, {}), 'text', ''), 'corps « plpp » inconnu'), 0)

  " A mission typed halfway, completed by <C-x><C-o> in Insert mode: the
  " first proposal is put in place.
  setlocal omnifunc=ale#completion#OmniFunc
  call append(11, 'mission coordonner_eq')
  call cursor(12, 1)
  call feedkeys("A\<C-x>\<C-o>", 'xt')
  call s:Expect('mission complétée', getline(12), 'mission coordonner_equipes')

  " A référentiel being written: its own mistake (its holder's role) at its
  " place, gone once fixed in the buffer, before it is saved.
  execute 'edit ' . fnameescape($REFERENTIEL)
  let s:deadline = localtime() + 20
  while empty(s:Loclist()) && localtime() < s:deadline
    sleep 50m
  endwhile
  let s:got = map(copy(s:Loclist()), {_, d -> [d.lnum, d.col, d.end_col, get(d, 'code', '')]})
  call s:Expect('référentiel : diagnostic à sa place', s:got, [[3, 1, 15, 'role_inconnu']])
  call setline(3, 'titulaire agent')
  " What ALE does when the text changes (TextChanged), which a script
  " running before Vim's main loop does not trigger.
  ALELint
  let s:deadline = localtime() + 20
  while !empty(s:Loclist()) && localtime() < s:deadline
    sleep 50m
  endwhile
  call s:Expect('référentiel corrigé sans être enregistré : plus de diagnostic', s:Loclist(), [])
  call s:Expect('référentiel : pas enregistré', &modified, 1)
  " A declaration typed halfway: a référentiel's (« rol » can only be « role »).
  setlocal omnifunc=ale#completion#OmniFunc
  call append(line('$'), 'rol')
  call cursor(line('$'), 1)
  call feedkeys("A\<C-x>\<C-o>", 'xt')
  call s:Expect('référentiel : déclaration complétée', getline('$'), 'role')
catch
  let s:failed = 1
  call add(s:lines, 'ÉCHEC exception : ' . v:exception . ' (' . v:throwpoint . ')')
endtry
call writefile(s:lines, $RESULTAT)
execute s:failed ? 'cquit 1' : 'qall!'
