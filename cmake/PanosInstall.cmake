# SPDX-License-Identifier: MIT
# PanosInstall.cmake -- what `cmake --install` puts where (GNUInstallDirs), for the programs,
# man pages, shell completion, docs and the exporter's systemd unit and examples. libpanos's
# own rules (libraries, headers, libpanos.pc) are in src/lib/CMakeLists.txt. Included by the
# top-level CMakeLists.txt after the subdirectories, so that every target exists.
# New programs go in the two lists below; man pages and headers are picked up by directory.
include(GNUInstallDirs)

# Distributions put these elsewhere: Debian's rules passes /lib/systemd/system and
# share/zsh/vendor-completions.
set(PANOS_SYSTEMD_UNITDIR "lib/systemd/system" CACHE STRING
  "Where the exporter's systemd unit goes (relative to the prefix, or absolute)")
set(PANOS_ZSH_COMPLETIONDIR "${CMAKE_INSTALL_DATADIR}/zsh/site-functions" CACHE STRING
  "Where the zsh completion of panctl goes (relative to the prefix, or absolute)")
set(PANOS_BASH_COMPLETIONDIR "${CMAKE_INSTALL_DATADIR}/bash-completion/completions" CACHE
  STRING "Where the bash completion of panctl goes (relative to the prefix, or absolute)")

foreach(prog panctl pansim)
  if(TARGET ${prog})
    install(TARGETS ${prog} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  endif()
endforeach()
foreach(daemon panos_exporter)
  if(TARGET ${daemon})
    install(TARGETS ${daemon} RUNTIME DESTINATION ${CMAKE_INSTALL_SBINDIR})
  endif()
endforeach()

# Man pages by section, from the name: panctl-op.1 goes to man1, libpanos.3 to man3.
file(GLOB PANOS_MAN_PAGES ${PROJECT_SOURCE_DIR}/docs/man/*.[1-8])
foreach(page ${PANOS_MAN_PAGES})
  string(REGEX REPLACE "^.*\\.([1-8])$" "\\1" section "${page}")
  get_filename_component(name "${page}" NAME)
  if(name MATCHES "^panos_exporter" AND NOT TARGET panos_exporter)
    continue()
  endif()
  if(name MATCHES "^pansim" AND NOT TARGET pansim)
    continue()
  endif()
  if(name MATCHES "^panctl" AND NOT TARGET panctl)
    continue()
  endif()
  install(FILES ${page} DESTINATION ${CMAKE_INSTALL_MANDIR}/man${section})
endforeach()

install(FILES ${PROJECT_SOURCE_DIR}/README.md ${PROJECT_SOURCE_DIR}/docs/api-stability.md
  DESTINATION ${CMAKE_INSTALL_DOCDIR})
if(TARGET panctl)
  install(FILES ${PROJECT_SOURCE_DIR}/contrib/completion/panctl.bash
    DESTINATION ${PANOS_BASH_COMPLETIONDIR} RENAME panctl)
  install(FILES ${PROJECT_SOURCE_DIR}/contrib/completion/_panctl
    DESTINATION ${PANOS_ZSH_COMPLETIONDIR})
endif()
if(TARGET panos_exporter)
  install(FILES ${PROJECT_SOURCE_DIR}/contrib/systemd/panos_exporter.service
    DESTINATION ${PANOS_SYSTEMD_UNITDIR})
  install(FILES ${PROJECT_SOURCE_DIR}/contrib/panos_exporter.conf.example
    ${PROJECT_SOURCE_DIR}/docs/monitoring.md DESTINATION ${CMAKE_INSTALL_DOCDIR}/exporter)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/contrib/prometheus
    DESTINATION ${CMAKE_INSTALL_DOCDIR}/exporter)
endif()
