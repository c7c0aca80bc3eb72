# SPDX-License-Identifier: MIT
# PANOS_SANITIZE=address,undefined (or thread) instruments every target, compile and link.
if(PANOS_SANITIZE)
  add_compile_options(-fsanitize=${PANOS_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer)
  add_link_options(-fsanitize=${PANOS_SANITIZE})
endif()
