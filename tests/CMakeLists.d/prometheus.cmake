# SPDX-License-Identifier: MIT
# prometheus/*: the alert rules and example configurations of contrib/prometheus checked by
# promtool (tests/prometheus/check_rules.sh: syntax, unit tests, every alert tested;
# tests/prometheus/check_sd.sh: the relabelling and sharding of the configurations), and, once
# panos_exporter is built, a real Prometheus server scraping it (tests/prometheus/e2e.sh).
find_program(PANOS_PROMTOOL promtool)
find_program(PANOS_PROMETHEUS prometheus)
if(PANOS_PROMTOOL)
  add_test(NAME prometheus/rules
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/prometheus/check_rules.sh ${PROJECT_SOURCE_DIR}
            ${PANOS_PROMTOOL})
  set_tests_properties(prometheus/rules PROPERTIES LABELS "prometheus;lint" TIMEOUT 60)
  foreach(cfg single sharded)
    add_test(NAME prometheus/config-${cfg}
      COMMAND ${PANOS_PROMTOOL} check config
              ${PROJECT_SOURCE_DIR}/contrib/prometheus/prometheus-${cfg}.yml)
    set_tests_properties(prometheus/config-${cfg} PROPERTIES LABELS "prometheus;lint" TIMEOUT 60)
  endforeach()
  add_test(NAME prometheus/relabel
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/prometheus/check_sd.sh ${PROJECT_SOURCE_DIR}
            ${PANOS_PROMTOOL})
  set_tests_properties(prometheus/relabel PROPERTIES LABELS "prometheus;lint" TIMEOUT 120)
else()
  message(STATUS "promtool not found: prometheus/* tests left out (scripts/deps.sh installs it)")
endif()
if(PANOS_PROMETHEUS AND TARGET panos_exporter AND TARGET pansim AND TARGET panctl)
  add_test(NAME prometheus/e2e
    COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/prometheus/e2e.sh $<TARGET_FILE:panos_exporter>
            $<TARGET_FILE:pansim> $<TARGET_FILE:panctl> ${PANOS_PROMETHEUS} ${PROJECT_SOURCE_DIR})
  set_tests_properties(prometheus/e2e PROPERTIES LABELS "prometheus;exporter" TIMEOUT 180
    ENVIRONMENT "${PANOS_TEST_ENV}")
endif()
