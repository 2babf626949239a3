;;; test.el --- Emacs et eglot reliés à « missionc lsp » (make emacs-test)  -*- lexical-binding: t; -*-
;; La lettre ouverte en mission-mode (editors/emacs) reçoit son diagnostic par
;; flymake à la bonne place, le tampon se met en forme par eglot-format-buffer,
;; le «champ» d’un modèle de lot se complète des colonnes de son export, un
;; référentiel en cours d’écriture reçoit ses propres diagnostics, qui
;; s’effacent quand il est corrigé, avant d’être enregistré, et se complète
;; de ses propres déclarations.
;; Écrit le résultat dans $RESULTAT ; code 1 au premier écart.
(require 'eglot)
(require 'mission-mode)
(defvar test-lines nil)
(defvar test-failed nil)
(defun test-expect (what got want)
  (if (equal got want)
      (push (format "ok %s" what) test-lines)
    (setq test-failed t)
    (push (format "ÉCHEC %s : obtenu %S, attendu %S" what got want) test-lines)))
(defun test-finish ()
  (with-temp-file (getenv "RESULTAT")
    (insert (mapconcat #'identity (reverse test-lines) "\n") "\n"))
  (kill-emacs (if test-failed 1 0)))

(setq eglot-server-programs
      `((mission-mode . (,(getenv "MISSIONC") "--stdlib" ,(getenv "STDLIB") "lsp"))))
(setq eglot-sync-connect t eglot-autoshutdown t)
(find-file (getenv "LETTRE"))
(test-expect "mode" major-mode 'mission-mode)
;; eglot-ensure waits for the command loop, which batch mode lacks: start it
;; now, the letter's folder as a project of its own.
(add-hook 'project-find-functions (lambda (dir) (cons 'transient dir)))
(condition-case err (apply #'eglot (eglot--guess-contact))
  (error (push (format "eglot : %S" err) test-lines)))
(let ((deadline (+ (float-time) 20)))
  (while (and (< (float-time) deadline) (not (eglot-current-server)))
    (accept-process-output nil 0.1))
  (while (and (< (float-time) deadline)
              (null (flymake-diagnostics)))
    (accept-process-output nil 0.1)))
(let* ((d (car (flymake-diagnostics)))
       (beg (and d (flymake-diagnostic-beg d))))
  (test-expect "diagnostic reçu" (and d t) t)
  (when d
    (save-excursion
      (goto-char beg)
      (test-expect "diagnostic à sa place (ligne, colonne)"
                   (list (line-number-at-pos) (current-column)
                         (buffer-substring-no-properties beg (flymake-diagnostic-end d)))
                   (list 6 44 "plpp")))))
(let ((want (with-temp-buffer
              (insert-file-contents (getenv "LETTRE"))
              (call-process-region (point-min) (point-max) (getenv "MISSIONC") t t nil "formater" "-")
              (buffer-string))))
  (eglot-format-buffer)
  (test-expect "tampon mis en forme" (buffer-string) want))

;; A batch model's «fields»: eglot's completion at point, after a « (two
;; bytes, one UTF-16 unit), takes the only column of the export beside the
;; model that starts so, and closes the field.
(find-file (getenv "MODELE"))
(condition-case err (apply #'eglot (eglot--guess-contact))
  (error (push (format "eglot (modèle) : %S" err) test-lines)))
(let ((deadline (+ (float-time) 20)))
  (while (and (< (float-time) deadline) (not (eglot-current-server)))
    (accept-process-output nil 0.1)))
(goto-char (point-max))
(insert "observation \"«pr")
(let ((completion-auto-help nil))
  (completion-at-point))
(test-expect "champ complété et fermé"
             (buffer-substring-no-properties (line-beginning-position) (line-end-position))
             "observation \"«prenom»")

;; A référentiel being written: its own mistake (its holder's role) at its
;; place, gone once fixed in the buffer, before it is saved.
(defun test-wait (pred)
  (let ((deadline (+ (float-time) 20)))
    (while (and (< (float-time) deadline) (not (funcall pred)))
      (accept-process-output nil 0.1))
    (funcall pred)))
(find-file (getenv "REFERENTIEL"))
(condition-case err (apply #'eglot (eglot--guess-contact))
  (error (push (format "eglot (référentiel) : %S" err) test-lines)))
(test-wait #'eglot-current-server)
;; flymake starts after the next command, which batch mode never runs.
(flymake-start)
(test-expect "référentiel : diagnostic reçu" (and (test-wait #'flymake-diagnostics) t) t)
(let ((d (car (flymake-diagnostics))))
  (when d
    (save-excursion
      (goto-char (flymake-diagnostic-beg d))
      (test-expect "référentiel : diagnostic à sa place"
                   (list (line-number-at-pos) (current-column)
                         (buffer-substring-no-properties (flymake-diagnostic-beg d)
                                                         (flymake-diagnostic-end d))
                         (and (string-match-p "role_inconnu.*agnet" (flymake-diagnostic-text d)) t))
                   (list 3 0 "titulaire agnet" t)))))
;; « agnet » becomes « agent » inside the diagnostic's range, which stays
;; until the server says otherwise.
(goto-char (point-min))
(forward-line 2)
(forward-char (length "titulaire a"))
(delete-char 4)
(insert "gent")
(test-expect "référentiel : corrigé dans le tampon"
             (buffer-substring-no-properties (line-beginning-position) (line-end-position))
             "titulaire agent")
(test-expect "référentiel : diagnostic encore là avant la réponse du serveur"
             (length (flymake-diagnostics)) 1)
;; eglot sends the change when Emacs is idle, which batch mode never is.
(eglot--signal-textDocument/didChange)
(test-expect "référentiel corrigé sans être enregistré : plus de diagnostic"
             (test-wait (lambda () (null (flymake-diagnostics)))) t)
(test-expect "référentiel : pas enregistré" (buffer-modified-p) t)
;; Completion at the start of a line: a référentiel's declaration, not a
;; letter's (« rol » can only be « role »).
(goto-char (point-max))
(insert "rol")
(let ((completion-auto-help nil))
  (completion-at-point))
(test-expect "référentiel : déclaration complétée"
             (buffer-substring-no-properties (line-beginning-position) (line-end-position))
             "role")
(test-finish)
