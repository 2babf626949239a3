" ftdetect/mission.vim — les lettres de mission de missionc (*.mission).
autocmd BufRead,BufNewFile *.mission setfiletype mission
