;;; test.el --- Emacs et eglot reliés à « missionc lsp » (make emacs-test)  -*- lexical-binding: t; -*-
;; La lettre ouverte en mission-mode (editors/emacs) reçoit son diagnostic par
;; flymake à la bonne place, le tampon se met en forme par eglot-format-buffer,
;; le «champ» d’un modèle de lot se complète des colonnes de son export.
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
(test-finish)
